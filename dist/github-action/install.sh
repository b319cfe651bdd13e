#!/usr/bin/env bash
# Installs contactlint for the action (action.yml), on GitHub's Linux, macOS and Windows runners
# (bash 3.2 or later; no Python). Two subcommands:
#
#   install.sh plan     the cache key and directory of a build from the action's own source: the
#                       runner's OS and architecture and a hash of every file the build reads, so
#                       a moved tag never restores an old build (outputs key, dir)
#   install.sh install  with VERSION empty, `cargo install --locked` from the action's source
#                       into INSTALL_DIR unless the cache restored it there; with VERSION, the
#                       released binary of that version, kept only when its SHA-256 is the one
#                       checksums.txt (beside this script, at the action's own ref) gives for it
#                       (output path: the binary)
#
# Nothing is installed by a name someone else could publish: the source is the action's own
# checkout, and a download must match a hash committed in this repository.
set -euo pipefail

action_dir=$(cd "$(dirname "$0")" && pwd)
output=${GITHUB_OUTPUT:-/dev/null}

fail() {
  local message=${1//%/%25}
  # On stderr (the runner reads commands there too), so that a failure inside $(...) shows.
  echo "::error title=contactlint::${message//$'\n'/%0A}" >&2
  exit 2
}

# SHA-256 of files or of standard input: sha256sum (Linux, Git Bash), or shasum (macOS).
if command -v sha256sum >/dev/null 2>&1; then sha256=(sha256sum); else sha256=(shasum -a 256); fi

case "${RUNNER_OS:-}" in
  Linux | macOS | Windows) ;;
  *) fail "RUNNER_OS is '${RUNNER_OS:-}': the action runs on GitHub's Linux, macOS and Windows runners" ;;
esac
tools=${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:?RUNNER_TEMP is not set}}/contactlint
# GNU tar (Git Bash's) reads `D:\...` as a remote host unless told otherwise.
tar_local=()
if [ "$RUNNER_OS" = Windows ]; then tar_local=(--force-local); fi

# The action's checkout: action.yml is dist/github-action/ of the contactlint repository (its
# physical path: cargo names a package by it).
source_dir() {
  local root
  root=$(cd "$action_dir/../.." && pwd -P)
  [ -f "$root/Cargo.toml" ] && [ -d "$root/src" ] ||
    fail "the action's source is not beside it ($root): use the action as OWNER/contactlint/dist/github-action@REF"
  echo "$root"
}

plan() {
  if [ -n "${VERSION:-}" ]; then
    echo "dir=" >>"$output"
    return
  fi
  local root hash
  root=$(source_dir)
  hash=$(cd "$root" && { printf '%s\n' Cargo.toml Cargo.lock build.rs; find src schemas -type f; } |
    LC_ALL=C sort | tr '\n' '\0' | xargs -0 "${sha256[@]}" | "${sha256[@]}" | cut -c1-20)
  echo "key=contactlint-${RUNNER_OS}-${RUNNER_ARCH:-unknown}-${hash}" >>"$output"
  echo "dir=${tools}/build-${hash}" >>"$output"
}

# The binary in DIR/bin: contactlint.exe on Windows, else contactlint.
binary_in() {
  local name
  for name in contactlint.exe contactlint; do
    if [ -f "$1/bin/$name" ]; then
      echo "$1/bin/$name"
      return
    fi
  done
}

build() {
  local dir=${INSTALL_DIR:?INSTALL_DIR is not set} root
  if [ -n "$(binary_in "$dir")" ]; then
    echo "contactlint restored from the cache ($dir)"
    return
  fi
  root=$(source_dir)
  command -v cargo >/dev/null 2>&1 ||
    fail "the action builds contactlint from its own source and needs cargo: set up Rust in an earlier step (GitHub's hosted runners have it), or set the version input to install a released binary"
  echo "Building contactlint from the action's source ($root) with $(cargo --version)"
  cargo install --locked --path "$root" --root "$dir" \
    --target-dir "${CARGO_TARGET_DIR:-${RUNNER_TEMP:?}/contactlint-target}"
}

download() {
  local version=$VERSION target asset expected root parent owner_dir repo owner url actual dir tmp
  [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$ ]] ||
    fail "version '$version' is not a release number such as 0.1.0 (leave it empty to build from the action's source)"
  case "$RUNNER_OS-${RUNNER_ARCH:-}" in
    Linux-X64) target=x86_64-unknown-linux-musl ;;
    Linux-ARM64) target=aarch64-unknown-linux-musl ;;
    macOS-ARM64) target=aarch64-apple-darwin ;;
    macOS-X64) target=x86_64-apple-darwin ;;
    Windows-X64) target=x86_64-pc-windows-msvc ;;
    *) fail "no released binary for $RUNNER_OS on ${RUNNER_ARCH:-an unknown architecture}: leave version empty to build from source" ;;
  esac
  asset="contactlint-${version}-${target}.tar.gz"
  expected=$(awk -v asset="$asset" '$2 == asset { print $1 }' "$action_dir/checksums.txt")
  [ -n "$expected" ] ||
    fail "checksums.txt at this ref of the action has no SHA-256 for $asset: use a ref of the action from after release $version (its v1 tag, or the commit that added the checksums), or leave version empty to build from source"
  # The repository the runner fetched the action from: _actions/OWNER/REPO/REF/dist/github-action.
  root=$(cd "$action_dir/../.." && pwd)
  parent=${root%/*}
  repo=${parent##*/}
  owner_dir=${parent%/*}
  owner=${owner_dir##*/}
  [ "$(basename "${owner_dir%/*}")" = _actions ] ||
    fail "cannot tell which repository the action came from ($root is not under _actions/OWNER/REPO/REF)"
  url="https://github.com/${owner}/${repo}/releases/download/v${version}/${asset}"
  tmp=$(mktemp -d "${RUNNER_TEMP:?}/contactlint-download.XXXXXX")
  echo "Downloading $url"
  curl --proto '=https' --tlsv1.2 -fsSL --retry 3 -o "$tmp/$asset" "$url" ||
    fail "cannot download $url"
  actual=$("${sha256[@]}" "$tmp/$asset" | cut -d ' ' -f 1)
  actual=${actual#\\}
  [ "$actual" = "$expected" ] ||
    fail "$asset has SHA-256 $actual, not $expected as checksums.txt says: not installed"
  echo "SHA-256 $actual matches checksums.txt"
  dir="$tools/${version}-${target}"
  mkdir -p "$dir/bin"
  tar ${tar_local[@]+"${tar_local[@]}"} -xzf "$tmp/$asset" -C "$dir/bin"
  rm -rf "$tmp"
  INSTALL_DIR=$dir
}

install() {
  if [ -n "${VERSION:-}" ]; then download; else build; fi
  local binary
  binary=$(binary_in "$INSTALL_DIR")
  [ -n "$binary" ] || fail "no contactlint binary in $INSTALL_DIR/bin after the install"
  "$binary" --version
  echo "path=$binary" >>"$output"
}

case "${1:-}" in
  plan) plan ;;
  install) install ;;
  *) fail "install.sh: expected plan or install, not '${1:-}'" ;;
esac
