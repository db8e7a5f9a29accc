#!/usr/bin/env bash
# Installs the Debian packages ties needs to build, test and run, when missing.
# Called by make (quietly on every build, loudly by `make deps`).  Needs root
# (or sudo) only when something is actually missing.
set -euo pipefail
quiet=0; [ "${1:-}" = "--quiet" ] && quiet=1

pkgs=(gcc make pkg-config libmicrohttpd-dev libjansson-dev libsodium-dev
      libutf8proc-dev libstemmer-dev libsqlite3-dev libpq-dev zlib1g-dev
      libcmocka-dev postgresql sqlite3 clang-format cppcheck chromium)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm  >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -eq 0 ]; then
  [ $quiet -eq 1 ] || echo "deps: all packages present"
  exit 0
fi
echo "deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "deps: need root to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq </dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
