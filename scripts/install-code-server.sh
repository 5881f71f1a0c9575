#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3) offline from the npm registry into .tools/code-server.
# Its own postinstall downloads from GitHub, so we run its steps by hand (code-server 4.100.3 runs offline with Node 20 once its native modules are rebuilt).
# Idempotent: a finished install leaves a marker and later runs return at once.
set -euo pipefail
VERSION=4.100.3
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="${THREAT_OVERLAP_TOOLS:-$ROOT/.tools}/code-server"
MARKER="$DEST/.installed-$VERSION"
if [ -f "$MARKER" ]; then echo "code-server $VERSION already installed in $DEST"; exit 0; fi
# Two runs starting at once on a clean checkout: the second waits for the first install, then finds the marker.
mkdir -p "$(dirname "$DEST")"
exec 9>"$(dirname "$DEST")/.code-server-install.lock"
flock 9
if [ -f "$MARKER" ]; then echo "code-server $VERSION already installed in $DEST"; exit 0; fi
for bin in rg chromium; do
  command -v "$bin" >/dev/null || { echo "missing $bin: run .ci/run or apt-get install ripgrep chromium" >&2; exit 1; }
done
rm -rf "$DEST" && mkdir -p "$DEST"
cd "$DEST"
echo '{"name":"threat-overlap-tools","private":true}' > package.json
npm install --no-audit --no-fund "code-server@$VERSION" --ignore-scripts
cd node_modules/code-server/lib/vscode
npm install --no-audit --no-fund --omit=dev --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm_config_yes=true npm rebuild @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --no-audit --no-fund --omit=dev --ignore-scripts)
cd "$DEST" && npm_config_yes=true npm rebuild argon2
touch "$MARKER"
echo "code-server $VERSION installed in $DEST"
