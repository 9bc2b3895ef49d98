#!/usr/bin/env bash
# Copy the front-end libraries named in package.json from node_modules/ into
# app/static/vendor/<package>/, with their licence, so pages never load anything from a CDN.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --ignore-scripts
vendor=app/static/vendor
rm -rf "$vendor"
copy() {  # package, files...
  local package=$1; shift
  mkdir -p "$vendor/$package"
  for file in "$@" LICENSE; do cp "node_modules/$package/$file" "$vendor/$package/"; done
  node -p "require('./node_modules/$package/package.json').version" > "$vendor/$package/VERSION"
}
copy htmx.org dist/htmx.min.js
copy @github/markdown-toolbar-element dist/index.js
echo "vendored into $vendor: $(ls "$vendor" | tr '\n' ' ')"
