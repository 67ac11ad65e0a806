#!/usr/bin/env bash
# Installs what building (and, with "test", testing) Linli needs, skipping
# whatever is already there. Safe to run again and again.
#   scripts/setup.sh app    wasm target, Trunk, wasm-bindgen-cli, npm packages
#   scripts/setup.sh test   the above plus Chromium, ChromeDriver, a CJK font,
#                           LibreOffice Calc (headless), and Apache CouchDB
#                           3.5.0 built once from ../shared/couchdb/ into
#                           ~/.cache/linli (scripts/couchdb/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-app}"
TRUNK_VERSION="0.22.1"
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PATH"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

apt_updated=""
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ -z "$apt_updated" ]; then
    say "apt-get update"
    $SUDO apt-get update -qq
    apt_updated=1
  fi
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Rust toolchain and the wasm target (versions from rust-toolchain.toml).
if ! command -v cargo >/dev/null; then
  echo "cargo is missing: install Rust with rustup first (https://rustup.rs)." >&2
  exit 1
fi
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Node.js and npm run wasm-opt (npm binaryen) and the browser tests.
if ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi

# Trunk builds and serves the app.
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
  # 0.22.x declares a newer rustc than it needs; it builds fine on 1.95.
  cargo install trunk --locked --version "$TRUNK_VERSION" --ignore-rust-version
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WBG_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WBG_VERSION" ]; then
  say "installing wasm-bindgen-cli $WBG_VERSION"
  # Not --locked: its lock file pins a crate release the registry no longer serves.
  cargo install wasm-bindgen-cli --version "=$WBG_VERSION"
fi

# wasm-split-cli splits the release wasm into the main module and the
# screens' chunks (scripts/split.mjs); its version matches the
# wasm_split_helpers crate Leptos uses (Cargo.lock).
SPLIT_VERSION="0.2.4"
if ! cargo install --list | grep -qx "wasm_split_cli_support v$SPLIT_VERSION:"; then
  say "installing wasm-split-cli $SPLIT_VERSION (about 4 minutes on 2 cores)"
  cargo install wasm_split_cli_support --locked --version "=$SPLIT_VERSION" --features build-binary
fi

# npm packages: wasm-opt (binaryen 132), Playwright, axe.
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat node_modules/.linli-lock-hash 2>/dev/null || true)" != "$lock_hash" ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.linli-lock-hash
fi

# Trunk builds offline, so crates must already be downloaded.
cargo fetch --quiet

if [ "$mode" = "test" ]; then
  # Debian's Chromium and its driver; a CJK font so screenshots show Chinese;
  # LibreOffice Calc (no GUI), the spreadsheet the CSV exports are opened in;
  # poppler's pdftoppm, which draws a printed report's pages to look at.
  apt_install chromium chromium-driver fonts-wqy-microhei libreoffice-calc-nogui poppler-utils
  # Apache CouchDB 3.5.0, the sync server the tests run against, built from
  # its offline source with Debian's Erlang (../shared/couchdb/RECIPE.md).
  apt_install erlang-nox erlang-dev erlang-reltool erlang-src build-essential pkg-config libicu-dev
  scripts/couchdb/build.sh >/dev/null
fi

say "ready ($mode)"
