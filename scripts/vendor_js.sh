#!/usr/bin/env bash
# Refresh the JavaScript the workbench ships (src/newsgraph/workbench/static/vendor/) from npm, at the versions
# pinned below; commit the result. Users never run this: the files are package data, installed by `pip install .`.
# Usage: scripts/vendor_js.sh            (needs npm; runs offline from npm's cache if the tarball is there)
set -euo pipefail
cd "$(dirname "$0")/.."

CYTOSCAPE_VERSION=3.35.0   # MIT; https://js.cytoscape.org

target=src/newsgraph/workbench/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "cytoscape@${CYTOSCAPE_VERSION}" >/dev/null)
tar -xzf "$work/cytoscape-${CYTOSCAPE_VERSION}.tgz" -C "$work"
mkdir -p "$target"
cp "$work/package/dist/cytoscape.min.js" "$target/cytoscape.min.js"
cp "$work/package/LICENSE" "$target/cytoscape.LICENSE"
printf 'cytoscape %s (MIT), dist/cytoscape.min.js and LICENSE from the npm package\n' "$CYTOSCAPE_VERSION" \
    > "$target/VERSIONS"
sha256sum "$target/cytoscape.min.js" | sed "s#  $target/#  #" >> "$target/VERSIONS"
echo "vendored cytoscape ${CYTOSCAPE_VERSION} into $target"
