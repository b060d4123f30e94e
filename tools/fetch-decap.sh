#!/bin/sh
# The web editor at redigera/ (Decap CMS), served by the site itself, and decap-server, the
# local backend that `make edit` and the editor's browser tests run against the local clone.
# Fetched once from the npm registry into .cache/vendor/ (not committed), like Mermaid:
# nothing is loaded from a CDN. Without npm the site is built without redigera/.
set -eu
cms_version="${DECAP_CMS_VERSION:-3.16.3}"
server_version="${DECAP_SERVER_VERSION:-3.11.3}"
cms=".cache/vendor/decap-cms"
server=".cache/vendor/decap-server"
if ! command -v npm >/dev/null 2>&1; then
    echo "npm saknas: webbredigeraren redigera/ byggs inte (installera Node.js för den)." >&2
    exit 0
fi

if [ ! -s "$cms/decap-cms.js" ] || [ "$(cat "$cms/VERSION" 2>/dev/null)" != "$cms_version" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    # The bundle loads its code-split chunks (*.decap-cms.js, *.wasm) from beside itself.
    if (cd "$work" && npm pack --silent "decap-cms@$cms_version" >/dev/null 2>&1) \
        && tar -xzf "$work/decap-cms-$cms_version.tgz" -C "$work" package/dist; then
        rm -rf "$cms" && mkdir -p "$cms"
        for file in "$work"/package/dist/*decap-cms.js "$work"/package/dist/*.wasm "$work"/package/dist/decap-cms.js.LICENSE.txt; do
            [ -f "$file" ] && mv "$file" "$cms/"
        done
        echo "$cms_version" > "$cms/VERSION"
        echo "Decap CMS $cms_version hämtad till $cms."
    else
        echo "Kunde inte hämta Decap CMS från npm: webbredigeraren redigera/ byggs inte." >&2
    fi
fi

if [ ! -s "$server/node_modules/decap-server/dist/index.js" ] \
    || ! grep -q "\"version\": \"$server_version\"" "$server/node_modules/decap-server/package.json" 2>/dev/null; then
    mkdir -p "$server"
    if npm install --silent --no-audit --no-fund --no-save --prefix "$server" "decap-server@$server_version" >/dev/null 2>&1; then
        echo "decap-server $server_version installerad i $server."
    else
        echo "Kunde inte installera decap-server från npm: make edit och redigerarens tester fungerar inte." >&2
    fi
fi
