#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs (tests/it/vscode.rs), from the npm registry
# only, in a fresh HOME, TMPDIR and npm cache so that nothing this machine already holds
# (node-gyp headers, prebuilt binaries, a warm cache) hides a missing step:
#   - code-server 4.100.3 (the last that runs on Node 20) into DEST/code-server;
#   - the extension's dependencies (`npm ci` in editors/vscode: vscode-languageclient,
#     TypeScript, @vscode/vsce 3).
# Debian packages it needs, installed by .ci/run: libkrb5-dev (code-server's kerberos module
# is compiled), ripgrep (its @vscode/ripgrep downloads rg from GitHub: Debian's rg, packed as
# that download, is put where the package looks first), g++ and make. Node's headers come from
# the Node installation (npm_config_nodedir), not from nodejs.org.
#
# Usage: bash tests/vscode/install.sh DEST
# DEST/installed names what was installed; a second run with the same versions installs nothing.
set -euo pipefail
dest=$(mkdir -p "$1" && cd "$1" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
code_server_version=4.100.3
stamp="code-server $code_server_version; editors/vscode/package-lock.json $(sha256sum "$root/editors/vscode/package-lock.json" | cut -c1-16)"
if [ -f "$dest/installed" ] && [ "$(cat "$dest/installed")" = "$stamp" ] \
  && [ -d "$root/editors/vscode/node_modules" ]; then
  echo "install.sh: already installed ($stamp)"
  exit 0
fi
for tool in node npm rg g++ make; do
  command -v "$tool" >/dev/null || { echo "install.sh: $tool is missing" >&2; exit 1; }
done
node_dir=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
if [ ! -f "$node_dir/include/node/node.h" ]; then
  echo "install.sh: Node's headers are not in $node_dir/include/node (code-server compiles native modules)" >&2
  exit 1
fi
if [ ! -f /usr/include/gssapi/gssapi.h ] && [ ! -f /usr/include/krb5.h ]; then
  echo "install.sh: libkrb5-dev is not installed (code-server's kerberos module needs it)" >&2
  exit 1
fi

fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
mkdir -p "$fresh/home" "$fresh/tmp" "$fresh/npm-cache"
export HOME="$fresh/home" TMPDIR="$fresh/tmp" npm_config_cache="$fresh/npm-cache"
export npm_config_yes=true npm_config_unsafe_perm=true npm_config_nodedir="$node_dir"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# @vscode/ripgrep 1.15.11 looks for its download in $TMPDIR/vscode-ripgrep-cache-1.15.11 first.
ripgrep_cache="$TMPDIR/vscode-ripgrep-cache-1.15.11"
mkdir -p "$ripgrep_cache" "$fresh/rg"
cp "$(command -v rg)" "$fresh/rg/rg"
tar -C "$fresh/rg" -czf "$ripgrep_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg

started=$(date +%s)
rm -rf "$dest/code-server" "$dest/installed"
npm install --prefix "$dest/code-server" --no-save "code-server@$code_server_version" \
  >"$dest/install.log" 2>&1 || { tail -n 40 "$dest/install.log" >&2; exit 1; }
test -x "$dest/code-server/node_modules/.bin/code-server"
test -x "$dest/code-server/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
code_server_done=$(date +%s)
(cd "$root/editors/vscode" && npm ci >>"$dest/install.log" 2>&1) \
  || { tail -n 40 "$dest/install.log" >&2; exit 1; }
finished=$(date +%s)
echo "$stamp" >"$dest/installed"
echo "install.sh: code-server $code_server_version in $((code_server_done - started)) s," \
  "$(du -sh "$dest/code-server" | cut -f1); the extension's dependencies in" \
  "$((finished - code_server_done)) s, $(du -sh "$root/editors/vscode/node_modules" | cut -f1)"
