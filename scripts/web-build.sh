#!/usr/bin/env bash
# Builds the web application (web/) into web/dist, which `ties serve` serves.
#   scripts/web-build.sh
# Installs the npm packages only when package.json or package-lock.json changed
# since the last install (a stamp in node_modules holds their hash), and runs
# the build only when a source is newer than web/dist; so `make` stays fast
# when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/../web"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "web: node and npm are needed to build the web application (scripts/deps.sh installs them)" >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 18 ]; then
  echo "web: Node.js 18 or newer is needed (found $(node --version))" >&2
  exit 1
fi

export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
stamp=node_modules/.ties-install-stamp
hash_of() { cat package.json package-lock.json 2>/dev/null | sha256sum | cut -c1-64; }
if [ ! -f package-lock.json ]; then
  echo "  NPM     install (no lockfile yet)"
  npm install --no-audit --no-fund --loglevel=error
  hash_of > "$stamp"
elif [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$(hash_of)" ]; then
  # `npm install --no-save` rather than `npm ci`: with npm's
  # omit-lockfile-registry-resolved setting (set on these machines) the lock
  # keeps Rollup's other-platform binaries without versions, which `npm ci`
  # refuses; install follows the lock and never rewrites it.
  echo "  NPM     install"
  npm install --no-save --no-audit --no-fund --loglevel=error
  hash_of > "$stamp"
fi

newer=""
if [ -f dist/index.html ]; then
  newer=$(find src public index.html vite.config.ts tsconfig.json package.json package-lock.json \
    -newer dist/index.html -print -quit 2>/dev/null || true)
fi
if [ ! -f dist/index.html ] || [ -n "$newer" ]; then
  echo "  WEB     web/dist"
  npm run --silent build -- --logLevel warn
fi
