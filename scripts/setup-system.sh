#!/usr/bin/env bash
# Installs the Debian packages the test suite uses for real, when they are missing: the one list of
# them, run first by `pnpm test` (so .ci/run, which runs that test command, cannot drift from it).
#   PostgreSQL (the tests start throwaway clusters with its binaries), Chromium and Firefox ESR (the
#   console's end-to-end and screenshot tests), the foreign SOAP stacks of the interop matrix (zeep,
#   suds, PHP SoapClient, SOAP::Lite, SOAP::WSDL, gSOAP with g++, Mono, JAX-WS RI with a JDK for
#   wsimport/javac), xmllint, curl, wrk,
#   slowhttptest, sqlite3.
# Usage: scripts/setup-system.sh [--check]   (--check: list what is missing, install nothing, exit 1 if any)
set -euo pipefail

debs=(
  curl libxml2-utils sqlite3 postgresql
  chromium firefox-esr
  python3-zeep python3-suds php-cli php-soap libsoap-lite-perl libsoap-wsdl-perl
  gsoap libgsoap-dev g++ mono-devel libjaxws-java openjdk-17-jdk-headless
  wrk slowhttptest
)

missing=()
for deb in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$deb")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

if [ "${1:-}" = "--check" ]; then
  echo "missing Debian packages: ${missing[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need these Debian packages, and this is not a Debian-like system (no apt-get):" >&2
  echo "  ${missing[*]}" >&2
  echo "Install their equivalents with your package manager, then run the tests again." >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo)
  else
    echo "The tests need these Debian packages, and installing them needs root:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi
echo "Installing the Debian packages the tests use: ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
