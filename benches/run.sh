#!/usr/bin/env bash
# End-to-end benchmark of contactlint against `cat` and, when installed, ajv-cli and
# check-jsonschema. One command from a fresh clone:
#
#     bash benches/run.sh            # full run (a few minutes)
#     QUICK=1 bash benches/run.sh    # fewer runs, no 100k corpus
#
# Needs: cargo, python3, hyperfine (Debian package `hyperfine`), GNU time (/usr/bin/time).
# Optional: `pip install frictionless` for the contact-file comparison.
# Optional peers: `npm install ajv-cli` (found via AJV or ./node_modules/.bin/ajv or PATH) and
# `pip install check-jsonschema`. Corpora go to $BENCH_DIR (default: a temporary directory).
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in hyperfine python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "benches/run.sh needs $tool (apt-get install hyperfine time)" >&2; exit 2; }
done
runs=${RUNS:-10}
[ -n "${QUICK:-}" ] && runs=3

cargo build --release --quiet
bin="$PWD/target/release/contactlint"
work="${BENCH_DIR:-$(mktemp -d)}"
results="$work/results"
mkdir -p "$results"
gen() { [ -d "$work/$1" ] || python3 benches/gen_corpus.py "$work/$1" "${@:2}"; }

echo "Generating corpora in $work ..." >&2
gen valid-1k 1000
gen valid-10k 10000
gen invalid-10k 10000 --invalid-every 10
gen definition-json-10k 10000 --only definition-json
[ -n "${QUICK:-}" ] || gen valid-100k 100000
for size in 1000 10000 100000 1000000; do gen "size-$size" 100 --size "$size"; done
[ -d "$work/terraform-10k" ] || python3 benches/gen_terraform.py "$work/terraform-10k" 10000 --every 100
single="$work/valid-1k/batch000/list000000.json"
"$bin" schema definition > "$work/definition.schema.json"

ajv="${AJV:-}"
[ -z "$ajv" ] && [ -x node_modules/.bin/ajv ] && ajv="$PWD/node_modules/.bin/ajv"
[ -z "$ajv" ] && ajv="$(command -v ajv || true)"
cjs="$(command -v check-jsonschema || true)"

# bench NAME COMMAND...: hyperfine, then the mean in seconds into $results/NAME.
bench() {
  local name=$1; shift
  hyperfine --style none -N -i --warmup 1 --runs "$runs" --export-json "$results/$name.json" "$*" >/dev/null 2>&1 || \
    hyperfine --style none -i --warmup 1 --runs "$runs" --export-json "$results/$name.json" "$*" >/dev/null 2>&1
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(r['mean'], r['median'])" "$results/$name.json" > "$results/$name.mean"
}
# rss NAME COMMAND...: peak resident set size in KiB.
rss() { local name=$1; shift; /usr/bin/time -f %M "$@" >/dev/null 2>"$results/$name.rss" || true; tail -n1 "$results/$name.rss" > "$results/$name.kib"; }

echo "Timing ..." >&2
bench cat-10k find "$work/valid-10k" -type f -exec cat {} +
bench cl-valid-10k "$bin" check "$work/valid-10k" --no-config
bench cl-invalid-10k "$bin" check "$work/invalid-10k" --no-config --format full --color never
bench cat-def-10k find "$work/definition-json-10k" -type f -exec cat {} +
bench cl-def-10k "$bin" check "$work/definition-json-10k" --no-config --profile definition
if [ -n "$ajv" ]; then
  bench ajv-def-10k "$ajv" validate --spec=draft2020 -s "$work/definition.schema.json" -d "$work/definition-json-10k/**/*.json"
  bench ajv-single "$ajv" validate --spec=draft2020 -s "$work/definition.schema.json" -d "$single"
fi
if [ -n "$cjs" ]; then
  bench cjs-def-10k find "$work/definition-json-10k" -name '*.json' -exec "$cjs" --schemafile "$work/definition.schema.json" {} +
  bench cjs-single "$cjs" --schemafile "$work/definition.schema.json" "$single"
fi
bench cat-tf-10k find "$work/terraform-10k" -type f -exec cat {} +
bench cl-tf-10k "$bin" check "$work/terraform-10k" --no-config
bench cl-single "$bin" check "$single" --no-config
mkdir -p "$work/single-dir" && cp "$single" "$work/single-dir/"
bench cl-single-dir "$bin" check "$work/single-dir" --no-config
bench true-single true
bench cl-valid-1k "$bin" check "$work/valid-1k" --no-config
[ -n "${QUICK:-}" ] || bench cl-valid-100k "$bin" check "$work/valid-100k" --no-config
for size in 1000 10000 100000 1000000; do bench "cl-size-$size" "$bin" check "$work/size-$size" --no-config; done
for count in 1k 10k; do rss "rss-$count" "$bin" check "$work/valid-$count" --no-config; done
[ -n "${QUICK:-}" ] || rss rss-100k "$bin" check "$work/valid-100k" --no-config

# Contact files: a 1,000,000-row CSV (8 columns, two of them phones) with its list, against a bare
# parse with the csv crate (benches/csv_baseline.rs), cat and wc -l; frictionless on 100,000 rows.
cargo bench --bench csv_baseline --no-run --quiet 2>/dev/null
baseline="$(ls -t target/release/deps/csv_baseline-* | grep -v '\.d$' | head -n1)"
for rows in 10000 100000 1000000; do
  [ -d "$work/contacts-$rows" ] || python3 benches/gen_contacts.py "$work/contacts-$rows" "$rows"
done
[ -d "$work/contacts-mistakes" ] || python3 benches/gen_contacts.py "$work/contacts-mistakes" 1000000 --mistake-every 1
big="$work/contacts-1000000"
bench csv-cat cat "$big/contacts.csv"
bench csv-wc wc -l "$big/contacts.csv"
bench csv-baseline "$baseline" "$big/contacts.csv"
bench csv-cl "$bin" check --config "$big/contactlint.toml" "$big/contacts.csv"
bench csv-cl-mistakes "$bin" check --config "$work/contacts-mistakes/contactlint.toml" "$work/contacts-mistakes/contacts.csv" --color never
for rows in 10000 100000 1000000; do
  rss "rss-csv-$rows" "$bin" check --config "$work/contacts-$rows/contactlint.toml" "$work/contacts-$rows/contacts.csv"
done
bench csv-cl-100k "$bin" check --config "$work/contacts-100000/contactlint.toml" "$work/contacts-100000/contacts.csv"
if command -v frictionless >/dev/null; then
  (cd "$work/contacts-100000" && bench csv-frictionless-100k frictionless validate contacts.csv --schema schema.json)
fi

python3 benches/report.py "$results" "$(nproc)"
