#!/usr/bin/env bash
# Builds a platform-specific .vsix with the contactlint binary inside, as ruff's extension
# bundles ruff: the extension runs bundled/contactlint unless contactlint.path says otherwise.
#
# Usage: bash editors/vscode/scripts/package-platform.sh [--binary FILE] [--target TARGET] [--out FILE]
#   --binary  the binary to bundle; default: `cargo build --release --locked`'s
#             target/release/contactlint (built first)
#   --target  VS Code's platform name (linux-x64, linux-arm64, alpine-x64, darwin-x64,
#             darwin-arm64, win32-x64, ...); default: this machine's. The binary must be built
#             for it.
#   --out     the .vsix to write; default: contactlint-TARGET-VERSION.vsix in editors/vscode
# Needs the extension's dependencies (`npm ci` in editors/vscode). The universal .vsix, without
# a binary (the user's contactlint on PATH, or contactlint.path), is `npx @vscode/vsce package`.
set -euo pipefail
extension=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$extension/../.." && pwd)
binary="" target="" out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary=$2; shift 2 ;;
    --target) target=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "package-platform.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$target" ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) target=linux-x64 ;;
    Linux-aarch64) target=linux-arm64 ;;
    Darwin-x86_64) target=darwin-x64 ;;
    Darwin-arm64) target=darwin-arm64 ;;
    *) echo "package-platform.sh: say --target for $(uname -s)-$(uname -m)" >&2; exit 2 ;;
  esac
  if [ "$target" = linux-x64 ] && ldd --version 2>&1 | grep -qi musl; then target=alpine-x64; fi
fi
if [ -z "$binary" ]; then
  (cd "$root" && cargo build --release --locked)
  binary="$root/target/release/contactlint"
fi
name=contactlint
case "$target" in win32-*) name=contactlint.exe ;; esac
version=$(node -p "require('$extension/package.json').version")
out=${out:-"$extension/contactlint-$target-$version.vsix"}
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
case "$binary" in /*) ;; *) binary="$PWD/$binary" ;; esac

cd "$extension"
rm -rf bundled
trap 'rm -rf "$extension/bundled"' EXIT
mkdir bundled
cp "$binary" "bundled/$name"
chmod 755 "bundled/$name"
npx @vscode/vsce package --target "$target" --out "$out" </dev/null
