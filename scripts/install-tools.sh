#!/usr/bin/env bash
# Installs what building, serving and testing One Secret need, skipping each
# tool whose required version is already present. Safe to run repeatedly.
#
# Installs: the wasm32 Rust target, wasm-bindgen-cli (the version locked in
# Cargo.lock), trunk, wasm-opt (npm package binaryen) and, with --test,
# Chromium, ChromeDriver and the end-to-end suite's npm packages.
set -euo pipefail

cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
WANT_TEST_TOOLS=0
[[ "${1:-}" == "--test" ]] && WANT_TEST_TOOLS=1

log() { printf '==> %s\n' "$*"; }

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

WBG_VERSION="$(wasm_bindgen_version)"
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WBG_VERSION" ]]; then
  log "Installing wasm-bindgen-cli $WBG_VERSION (several minutes on first run)"
  # Without --locked: the CLI's own lock file names a dependency version
  # that crates.io no longer serves.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi

if [[ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]]; then
  log "Installing trunk $TRUNK_VERSION (about 20 minutes on 2 cores on first run)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# Debian's binaryen is too old for what current rustc emits, so wasm-opt
# comes from npm.
if [[ "$(.tools/node_modules/.bin/wasm-opt --version 2>/dev/null || true)" != "wasm-opt version $BINARYEN_VERSION"* ]]; then
  log "Installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into .tools/"
  mkdir -p .tools
  npm install --prefix .tools --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION"
fi

if [[ "$WANT_TEST_TOOLS" == 1 ]]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "Installing Chromium and ChromeDriver from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  fi
  if ! rustup component list --installed | grep -q '^clippy'; then
    rustup component add clippy
  fi
  if ! rustup component list --installed | grep -q '^rustfmt'; then
    rustup component add rustfmt
  fi
  if [[ ! -d tests/e2e/node_modules ]] || [[ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]]; then
    log "Installing the end-to-end suite's npm packages"
    npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error
  fi
fi
