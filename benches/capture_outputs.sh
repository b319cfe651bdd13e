#!/usr/bin/env bash
# capture_outputs.sh BIN OUT: every fixture file and directory x every format (and --diff,
# --show-files, --show-settings, rules, explain, standard input), each run from its own directory,
# into OUT. Run it with the binary before and after a restructuring, then `diff -r` the two: a
# change meant to keep output byte-identical must show no difference.
set -u
BIN="$(realpath "$1")"; OUT="$(realpath -m "$2")"
rm -rf "$OUT"; mkdir -p "$OUT"
cd "$(dirname "$0")/../fixtures"
run() { # dir target name
  local dir="$1" target="$2" name="$3"
  for f in full concise json sarif github; do
    (cd "$dir" && "$BIN" check "$target" --format $f --color never >"$OUT/$name.$f" 2>&1; echo "rc=$?" >>"$OUT/$name.$f")
  done
  (cd "$dir" && "$BIN" check "$target" --diff --unsafe-fixes --color never >"$OUT/$name.diff" 2>&1; echo "rc=$?" >>"$OUT/$name.diff")
  (cd "$dir" && "$BIN" check "$target" --show-files --color never >"$OUT/$name.files" 2>&1; echo "rc=$?" >>"$OUT/$name.files")
  (cd "$dir" && "$BIN" check "$target" --show-settings --color never >"$OUT/$name.settings" 2>&1; echo "rc=$?" >>"$OUT/$name.settings")
  (cd "$dir" && "$BIN" check "$target" --show-settings --format json --list ../../terraform/outbound/main.tf#genesyscloud_outbound_contact_list.sales >"$OUT/$name.settings.json" 2>&1; echo "rc=$?" >>"$OUT/$name.settings.json")
}
find . -type d | sort | while read -r d; do run "$d" . "$(echo "$d" | tr / _)__dir"; done
find . -type f | sort | while read -r f; do run "$(dirname "$f")" "$(basename "$f")" "$(echo "$f" | tr / _)"; done
# other commands
(cd "$(dirname "$0")/.." && "$BIN" rules > "$OUT/rules.txt" 2>&1; "$BIN" rules --format json > "$OUT/rules.json" 2>&1)
for r in $("$BIN" rules --format json | python3 -c "import json,sys; print(' '.join(x['id'] for x in json.load(sys.stdin)))"); do "$BIN" explain $r > "$OUT/explain.$r" 2>&1; done
"$BIN" explain nonexistent-rule > "$OUT/explain.bad" 2>&1; echo "rc=$?" >> "$OUT/explain.bad"
(cd "$(dirname "$0")/../fixtures/api/messy" && cat $(ls | head -1) | "$BIN" check - --stdin-filename x.json --fix > "$OUT/stdin.fix" 2>&1; echo "rc=$?" >> "$OUT/stdin.fix")
(cd "$(dirname "$0")/../fixtures/api/messy" && cat $(ls | head -1) | "$BIN" check - --stdin-filename x.json > "$OUT/stdin.check" 2>&1; echo "rc=$?" >> "$OUT/stdin.check")
"$BIN" check /nonexistent > "$OUT/missing" 2>&1; echo "rc=$?" >> "$OUT/missing"
# whole trees from the root, as the README's command
(cd "$(dirname "$0")/.." && "$BIN" check fixtures/definition/valid fixtures/api/real fixtures/api/messy fixtures/terraform --format json > "$OUT/readme.json" 2>&1; echo "rc=$?" >> "$OUT/readme.json")
