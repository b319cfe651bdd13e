#!/usr/bin/env bash
# Builds the browser page into web/dist/: static files only (index.html, app.js, examples.js,
# worker.js, style.css, contactlint.wasm), servable from any static host or
# `python3 -m http.server`. Fails when the wasm and the scripts weigh more than 3 MB gzipped.
# Needs the Rust target wasm32-unknown-unknown (`rustup target add wasm32-unknown-unknown`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "web/build.sh: the Rust target wasm32-unknown-unknown is missing;" \
    "run: rustup target add wasm32-unknown-unknown" >&2
  exit 1
fi
# The engine's crate reads its .cargo/config.toml (getrandom's backend) from its own directory.
cd "$here/engine"
CARGO_TARGET_DIR="$root/target/web" cargo build --release --locked --target wasm32-unknown-unknown
rm -rf "$here/dist"
mkdir -p "$here/dist"
cp "$here"/page/{index.html,app.js,examples.js,worker.js,style.css} "$here/dist/"
cp "$root/target/web/wasm32-unknown-unknown/release/contactlint_web.wasm" "$here/dist/contactlint.wasm"
wasm_bytes=$(wc -c < "$here/dist/contactlint.wasm")
gzipped=$(gzip -9 -c "$here/dist/contactlint.wasm" | wc -c)
scripts=$(cat "$here"/dist/*.js | gzip -9 | wc -c)
echo "web/dist: contactlint.wasm $wasm_bytes bytes ($gzipped gzipped), scripts $scripts gzipped"
budget=3000000
if [ $((gzipped + scripts)) -gt $budget ]; then
  echo "web/build.sh: the wasm and the scripts weigh $((gzipped + scripts)) bytes gzipped," \
    "over the page's budget of $budget" >&2
  exit 1
fi
