#!/usr/bin/env bash
# End-to-end check of the fast pre-commit hook, without the internet:
#   1. build the contactlint wheel (maturin, bindings = "bin");
#   2. make a temporary hook repository from dist/pre-commit/ (setup.py pins the wheel's version);
#   3. in a temporary project (package.json, tsconfig.json with comments, Cargo.toml,
#      pyproject.toml and contact lists), run `pre-commit try-repo` with pip pointed at the local
#      wheel only: a passing run, then a failing one;
#   4. print how long the first run took (a fresh pre-commit cache: the hook is installed), next
#      to the `language: rust` hook's first run (skip that one with SKIP_RUST=1; it compiles).
#
# Needs: cargo, git, python3 with `pip install maturin pre-commit` (once). Usage:
#     bash dist/check-install.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
# Everything is checked before the build, which takes minutes.
for tool in cargo git python3 maturin pre-commit; do
  command -v "$tool" >/dev/null || { echo "dist/check-install.sh needs $tool (pip install maturin pre-commit)" >&2; exit 2; }
done
python3 -c 'import virtualenv.seed.wheels.embed' 2>/dev/null || {
  echo "dist/check-install.sh needs python3's virtualenv module (it comes with pip install pre-commit)" >&2
  exit 2
}
ls "$(python3 -c 'import os, virtualenv.seed.wheels.embed as e; print(os.path.dirname(e.__file__))')"/setuptools-*.whl >/dev/null 2>&1 || {
  echo "dist/check-install.sh needs the setuptools wheel that virtualenv embeds (pip install -U virtualenv)" >&2
  exit 2
}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_AUTHOR_NAME=check GIT_AUTHOR_EMAIL=check@example.invalid
export GIT_COMMITTER_NAME=check GIT_COMMITTER_EMAIL=check@example.invalid

echo "== building the wheel (contactlint $version)"
maturin build --release --quiet --out "$work/wheels" >/dev/null
# pip builds the hook repository's package with setuptools; offline, it comes from the wheels
# that virtualenv (a dependency of pre-commit) embeds.
embedded=$(python3 -c 'import os, virtualenv.seed.wheels.embed as e; print(os.path.dirname(e.__file__))')
cp "$embedded"/setuptools-*.whl "$work/wheels/"
ls "$work/wheels"

echo "== the hook repository"
hooks="$work/contactlint-pre-commit"
mkdir -p "$hooks"
cp dist/pre-commit/.pre-commit-hooks.yaml dist/pre-commit/setup.py "$hooks/"
sed -i "s/^VERSION = .*/VERSION = \"$version\"/" "$hooks/setup.py"
git -C "$hooks" init -q && git -C "$hooks" add -A && git -C "$hooks" commit -qm "contactlint $version"

echo "== a project with ordinary JSON and TOML files"
project="$work/project"
mkdir -p "$project/lists"
printf '{"name": "web", "version": "1.0.0", "scripts": {"build": "tsc"}}\n' > "$project/package.json"
printf '{\n  // tsc --init writes comments\n  "compilerOptions": {"strict": true,},\n}\n' > "$project/tsconfig.json"
printf '[package]\nname = "x"\nversion = "0.1.0"\n' > "$project/Cargo.toml"
printf '[project]\nname = "x"\nversion = "0.1.0"\n' > "$project/pyproject.toml"
printf '{"name": "Sales", "columnNames": ["Cell"],\n "phoneColumns": [{"columnName": "Cell", "type": "cell"}]}\n' > "$project/lists/sales.json"
git -C "$project" init -q && git -C "$project" add -A && git -C "$project" commit -qm start

# try-repo HOOK_REPO HOOK_ID: a first run, with a fresh cache. Sets $status (the exit code) and
# $seconds; the output is in $work/out.
try_repo() {
  local start end
  status=0
  start=$(date +%s.%N)
  (cd "$project" && PRE_COMMIT_HOME="$work/cache-$2-$RANDOM" pre-commit try-repo "$1" "$2" --all-files) > "$work/out" 2>&1 || status=$?
  end=$(date +%s.%N)
  seconds=$(python3 -c "print(f'{$end - $start:.1f}')")
}

export PIP_FIND_LINKS="$work/wheels" PIP_NO_INDEX=1
echo "== pre-commit try-repo, python hook, passing project (first run: installs the wheel)"
try_repo "$hooks" contactlint
python_time=$seconds
cat "$work/out"
[ "$status" -eq 0 ] || { echo "FAIL: the passing project failed (exit $status)" >&2; exit 1; }

echo "== the same with a bad list: only the list fails"
printf '{"name": "Broken", "columnNames": ["Cell"],\n "phoneColumns": [{"columnName": "Mobile", "type": "cell"}]}\n' > "$project/lists/broken.json"
git -C "$project" add -A && git -C "$project" commit -qm broken
try_repo "$hooks" contactlint
cat "$work/out"
[ "$status" -ne 0 ] || { echo "FAIL: the bad list passed" >&2; exit 1; }
grep -q 'lists/broken.json' "$work/out" || { echo "FAIL: the bad list is not reported" >&2; exit 1; }
if grep -Eq 'package.json|tsconfig.json|Cargo.toml|pyproject.toml|sales.json' "$work/out"; then
  echo "FAIL: a file that is not a broken list was reported" >&2; exit 1
fi
git -C "$project" rm -q lists/broken.json && git -C "$project" commit -qm fixed

rust_time="skipped (SKIP_RUST=1)"
if [ -z "${SKIP_RUST:-}" ]; then
  echo "== pre-commit try-repo, rust hook (first run: compiles contactlint)"
  CARGO_NET_OFFLINE=true try_repo "$repo" contactlint
  rust_time="$seconds s"
  tail -n 3 "$work/out"
  [ "$status" -eq 0 ] || { echo "FAIL: the rust hook failed (exit $status)" >&2; exit 1; }
fi

echo
echo "First run of the hook, fresh pre-commit cache:"
echo "  language: python (prebuilt wheel): ${python_time} s"
echo "  language: rust (compiles):         ${rust_time}"
