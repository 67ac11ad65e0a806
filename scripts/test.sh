#!/usr/bin/env bash
# Installs what is missing, then runs every test of Linli:
#   1. domain rules, natively (cargo test: unit, integration, property tests)
#   2. the IndexedDB store, and the QR transfer's compression, in headless
#      Chromium (wasm-bindgen-test)
#   3. the release build and its sizes
#   4. the app as a user sees it (Playwright, phone viewport, axe checks),
#      sync against Apache CouchDB 3.5.0 started on 127.0.0.1 by the tests
#   5. the sync load test: 50 phones for 30 s against CouchDB
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
source scripts/env.sh

logs=target/test-logs
mkdir -p "$logs"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1/5 domain (native cargo test)"
cargo test --quiet 2>&1 | tee "$logs/native.txt"

step "2/5 store and QR compression (headless Chromium)"
# The runner reads the Chromium flags from webdriver.json in this folder.
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --target wasm32-unknown-unknown --features fault-injection --test store_idb --test qr_browser 2>&1 | tee "$logs/wasm.txt"

step "3/5 release build"
trunk build --release 2>&1 | grep -vE '^\s+Compiling ' | tail -n 5
node scripts/sizes.mjs dist --budget

step "4/5 end-to-end (Playwright, 390x844)"
npx playwright test -c tests/e2e/playwright.config.ts 2>&1 | tee "$logs/e2e.txt"
echo "screenshots: tests/e2e/artifacts/screens/"

step "5/5 sync load test (50 phones, 30 s, Apache CouchDB)"
scripts/load-test.sh --phones 50 --seconds 30 --dev 2>&1 | tee "$logs/load.txt"

passed=$(cat "$logs/native.txt" "$logs/wasm.txt" "$logs/e2e.txt" | awk '
  /test result: ok\./ { for (i = 1; i <= NF; i++) if ($(i + 1) ~ /^passed/) n += $i }
  /^ +[0-9]+ passed/ { n += $1 }
  END { print n + 0 }')
echo
echo "linli: ${passed} passed, 0 failed"
