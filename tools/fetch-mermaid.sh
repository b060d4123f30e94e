#!/bin/sh
# Serve Mermaid from the site itself: Material for MkDocs loads it from a CDN otherwise,
# and the site must not make visitors' browsers talk to other hosts. Fetched once from the
# npm registry into .cache/ (not committed); without npm the organisation chart is text only.
set -eu
version="${MERMAID_VERSION:-11.12.1}"
target=".cache/vendor/mermaid.min.js"
[ -s "$target" ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
    echo "npm saknas: organisationsdiagrammet visas som text (installera Node.js för diagrammet)." >&2
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if (cd "$work" && npm pack --silent "mermaid@$version" >/dev/null 2>&1) \
    && tar -xzf "$work/mermaid-$version.tgz" -C "$work" package/dist/mermaid.min.js; then
    mkdir -p "$(dirname "$target")"
    mv "$work/package/dist/mermaid.min.js" "$target"
    echo "Mermaid $version hämtad till $target."
else
    echo "Kunde inte hämta Mermaid från npm: organisationsdiagrammet visas som text." >&2
fi
