#!/usr/bin/env bash
# Installs code-server (a real VS Code whose workbench runs in a browser) into a cache folder
# outside the repository, so the integration and e2e tests can run the extension without
# downloading VS Code itself. Safe to run again: a marker file makes a finished setup a no-op.
set -euo pipefail

VERSION=4.100.3
CACHE="${COMMONS_VSCODE_CACHE:-${HOME:-/root}/.cache/commons-vscode}"
DIR="$CACHE/code-server-$VERSION"
MARKER="$DIR/.setup-complete"
VSCODE="$DIR/node_modules/code-server/lib/vscode"

log() { echo "[setup-code-server] $*"; }

if [ -f "$MARKER" ]; then
  log "code-server $VERSION already set up in $DIR"
  exit 0
fi

# The workbench needs ripgrep for search and a Chromium for the headless browser tests.
missing=()
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$DIR"
cd "$DIR"
[ -f package.json ] || echo '{ "name": "commons-code-server", "private": true }' > package.json

# code-server's own postinstall refuses to run as root and downloads ripgrep from GitHub,
# so it is skipped here and its steps are done by hand below.
log "installing code-server@$VERSION from npm"
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >/dev/null

# npm 11 may refuse install scripts unless told yes, which would leave the native modules
# unbuilt without an error, so the answer is given up front and the results are checked.
export npm_config_yes=true

log "installing the VS Code server's runtime modules"
(cd "$VSCODE" && npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null)

log "compiling native modules (about a minute)"
(cd "$VSCODE" && npm rebuild --loglevel=error node-pty @vscode/spdlog @parcel/watcher native-watchdog >/dev/null)

log "linking ripgrep and the module archive"
mkdir -p "$VSCODE/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$VSCODE/node_modules/@vscode/ripgrep/bin/rg"
ln -sfn node_modules "$VSCODE/node_modules.asar"

log "installing the built-in extensions' modules"
(cd "$VSCODE/extensions" && npm install --no-audit --no-fund --omit=dev >/dev/null)

# npm hoists argon2 next to code-server, so it is rebuilt from the folder that installed it.
log "compiling argon2"
npm rebuild --loglevel=error argon2 >/dev/null

# A module that did not compile only shows up later as a broken terminal or file watcher,
# so each expected binary is checked here where the cause is still obvious.
for native in \
  "$VSCODE/node_modules/node-pty/build/Release/pty.node" \
  "$VSCODE/node_modules/@vscode/spdlog/build/Release/spdlog.node" \
  "$VSCODE/node_modules/native-watchdog/build/Release/watchdog.node" \
  "$DIR/node_modules/argon2/lib/binding/napi-v3/argon2.node"; do
  if [ ! -f "$native" ]; then
    log "ERROR: native module was not built: $native"
    exit 1
  fi
done

touch "$MARKER"
log "done: $DIR/node_modules/.bin/code-server"
