#!/usr/bin/env bash
# Linli's benchmark (not part of the test run): installs what is missing,
# builds the release, generates the big community (a fixed seed), and runs
# scripts/bench/run.mjs — cold start, import, export, search, booking save
# at 4x CPU throttle against raw IndexedDB and Dexie.js, first-visit bytes,
# Lighthouse — then scripts/bench/sync.mjs: first sync from Apache CouchDB
# (scripts/couchdb/local-server.mjs) against PouchDB's replicate.from, a push of 100 changes, a change
# from phone to phone, and what a phone costs the server — then
# scripts/bench/qr.mjs: a 40-volunteer roster (111 records), then the demo
# community's largest roster, moved phone to phone by animated QR code.
# Prints the tables; writes target/bench/report.{json,md},
# target/bench/sync.{json,md} and target/bench/qr{,-demo}.{json,md}.
#   scripts/bench.sh [--runs 5] [--size big|medium|small] [--no-lighthouse]
#                    [--no-sync | --sync-only] [--no-qr | --qr-only]
#   scripts/bench.sh --profile [--size medium]   CPU profile of import/export
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
source scripts/env.sh

size=big
profile=
sync=1
main=1
qr=1
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    --profile) profile=1; shift ;;
    --no-sync) sync=; shift ;;
    --sync-only) main=; qr=; shift ;;
    --no-qr) qr=; shift ;;
    --qr-only) main=; sync=; shift ;;
    *) pass+=("$1"); shift ;;
  esac
done

# package.json pins third-party-web and legacy-javascript with overrides:
# Lighthouse's trace engine asks for their "latest" tag, which moves and
# would put the lock file out of step (npm ci then refuses to install).
if [ ! -d scripts/bench/node_modules/dexie ] || [ ! -d scripts/bench/node_modules/lighthouse ] || [ ! -d scripts/bench/node_modules/pouchdb ]; then
  echo "[bench] installing Dexie.js, PouchDB and Lighthouse"
  npm ci --prefix scripts/bench --no-audit --no-fund --loglevel=error
fi
data="target/bench/${size}-7.json"
if [ -n "$main$sync$profile" ] && [ ! -f "$data" ]; then
  cargo run --quiet --release --bin linli-generate -- "$size" 7 "$data"
fi
roster=target/bench/roster-7.json
demo_roster=target/bench/demo-roster-7.json
if [ -n "$qr" ] && [ ! -f "$roster" ]; then
  cargo run --quiet --release --bin linli-generate -- roster 7 "$roster"
fi
if [ -n "$qr" ] && [ ! -f "$demo_roster" ]; then
  cargo run --quiet --release --bin linli-generate -- demo-roster 7 "$demo_roster"
fi

if [ -n "$profile" ]; then
  # The same release build, without wasm-opt and with its names kept, so
  # the profile shows Rust functions by name.
  sed 's/data-wasm-opt="0"/data-wasm-opt="0" data-keep-debug/' index.html > index.profile.html
  trap 'rm -f index.profile.html' EXIT
  trunk build --release=true --dist target/bench/profile-dist index.profile.html 2>&1 | grep -vE '^\s+Compiling ' | tail -n 2
  node scripts/bench/profile.mjs target/bench/profile-dist "$data" "${pass[@]}"
  exit
fi

trunk build --release 2>&1 | grep -vE '^\s+Compiling ' | tail -n 2
if [ -n "$main" ]; then node scripts/bench/run.mjs "$data" "${pass[@]}"; fi
if [ -n "$sync" ]; then
  sync_pass=()
  for a in "${pass[@]}"; do [ "$a" = --no-lighthouse ] || sync_pass+=("$a"); done
  node scripts/bench/sync.mjs "$data" "${sync_pass[@]}"
fi
if [ -n "$qr" ]; then
  qr_pass=()
  for a in "${pass[@]}"; do [ "$a" = --no-lighthouse ] || qr_pass+=("$a"); done
  node scripts/bench/qr.mjs "$roster" "${qr_pass[@]}"
  node scripts/bench/qr.mjs "$demo_roster" --out qr-demo "${qr_pass[@]}"
fi
