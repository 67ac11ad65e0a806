#!/usr/bin/env bash
# A bounded load test of the sync server: starts Apache CouchDB 3.5.0
# (scripts/couchdb/local-server.mjs) on 127.0.0.1, sets up a community with
# one committee account per phone, and runs 50 simulated phones — the
# app's own sync rounds (src/bin/linli-load.rs) — for 60 seconds; it stops
# by itself, prints response times, and fails if a record was lost,
# written twice or left out of step. The test command runs it for 30 s.
#   scripts/load-test.sh [--phones 50] [--seconds 60] [--dev]
# --dev builds the phones in the dev profile (the test command's, already
# built by cargo test) instead of release.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test >/dev/null
source scripts/env.sh

phones=50
seconds=60
profile=(--release)
bin=target/release/linli-load
while [ $# -gt 0 ]; do
  case "$1" in
    --phones) phones="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --dev) profile=(); bin=target/debug/linli-load; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
port="${LINLI_LOAD_PORT:-5992}"
cargo build --quiet "${profile[@]}" --features load-test --bin linli-load

dir="$(mktemp -d)"
node scripts/couchdb/local-server.mjs --port "$port" --dir "$dir" --bare > "$dir/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 300); do grep -q ready "$dir/server.log" && break; sleep 0.2; done
grep -q ready "$dir/server.log" || { cat "$dir/server.log" >&2; exit 1; }
users=()
for n in $(seq "$phones"); do users+=(--user "phone$n:load:committee"); done
node scripts/couchdb/setup.mjs --server "http://127.0.0.1:$port/" --admin admin:admin --community load --key-dir "$dir" "${users[@]}"
"$bin" --server "http://127.0.0.1:$port/" --community load --phones "$phones" --seconds "$seconds"
