#!/usr/bin/env bash
# A bounded load test of the sync server (not part of the test command):
# starts the test server (scripts/couchdb/local-server.mjs) on 127.0.0.1,
# sets up a community with one committee account per phone, and runs 50
# simulated phones — the app's own sync rounds (src/bin/linli-load.rs) —
# for 60 seconds; it stops by itself, prints response times, and fails if
# a record was lost, written twice or left out of step.
#   scripts/load-test.sh [--phones 50] [--seconds 60]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app >/dev/null
source scripts/env.sh

phones=50
seconds=60
while [ $# -gt 0 ]; do
  case "$1" in
    --phones) phones="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
port="${LINLI_LOAD_PORT:-5992}"
cargo build --quiet --release --features load-test --bin linli-load

dir="$(mktemp -d)"
node scripts/couchdb/local-server.mjs --port "$port" --dir "$dir" --bare > "$dir/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do grep -q ready "$dir/server.log" && break; sleep 0.2; done
users=()
for n in $(seq "$phones"); do users+=(--user "phone$n:load:committee"); done
node scripts/couchdb/setup.mjs --server "http://127.0.0.1:$port/" --admin admin:admin --community load "${users[@]}"
target/release/linli-load --server "http://127.0.0.1:$port/" --community load --phones "$phones" --seconds "$seconds"
