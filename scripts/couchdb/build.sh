#!/usr/bin/env bash
# Builds Apache CouchDB 3.5.0 once, from the offline source archive beside
# the project (../shared/couchdb/, see its RECIPE.md), into a cache folder
# outside the clone; later runs find it there and do nothing.
#   scripts/couchdb/build.sh        prints the folder holding bin/couchdb
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
VERSION="3.5.0"
ARCHIVE="${LINLI_COUCHDB_SOURCE:-$ROOT/../shared/couchdb/apache-couchdb-$VERSION-offline-src.tar.gz}"
SHA256="eb9eb33d1cfd68d93de5cd3058eb070fd73d29864e501aff14bc370cb279e459"
CACHE="${LINLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/linli}"
DEST="$CACHE/couchdb-$VERSION"
say() { printf '\033[1m[couchdb]\033[0m %s\n' "$*" >&2; }

if [ -x "$DEST/bin/couchdb" ] && [ -f "$DEST/.linli-built" ]; then
  echo "$DEST"
  exit 0
fi
if [ ! -f "$ARCHIVE" ]; then
  say "the CouchDB source archive is missing: $ARCHIVE (set LINLI_COUCHDB_SOURCE)"
  exit 1
fi
if [ "$(sha256sum "$ARCHIVE" | cut -d' ' -f1)" != "$SHA256" ]; then
  say "the CouchDB source archive is not the expected one: $ARCHIVE"
  exit 1
fi

say "building Apache CouchDB $VERSION into $DEST (about 3 minutes on 2 cores)"
work="$CACHE/couchdb-build"
rm -rf "$work" "$DEST"
mkdir -p "$work"
tar xzf "$ARCHIVE" -C "$work"
src="$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n 1)"
(
  cd "$src"
  ./configure --disable-docs --disable-fauxton --disable-spidermonkey \
    --js-engine=quickjs --erlfmt /bin/true
  make release
) > "$CACHE/couchdb-build.log" 2>&1 || {
  say "the build failed; the last lines of $CACHE/couchdb-build.log:"
  tail -n 30 "$CACHE/couchdb-build.log" >&2
  exit 1
}
mv "$src/rel/couchdb" "$DEST"
rm -rf "$work"
touch "$DEST/.linli-built"
say "built"
echo "$DEST"
