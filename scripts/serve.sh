#!/usr/bin/env bash
# Installs what is missing, builds Linli and serves it on http://127.0.0.1:8080.
# Rebuilds on every change to the sources.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app
source scripts/env.sh
echo "Linli: open http://127.0.0.1:8080 and tap 加载示范社区 (load the demo community)."
# No autoreload: its injected inline script is outside the CSP.
exec trunk serve --release --no-autoreload --port "${PORT:-8080}"
