#!/usr/bin/env bash
# Debian's chromium, for test/docs-site.test.ts (the built docs site opened in a headless browser).
# Idempotent: does nothing where a chromium is already on the PATH (or CHROMIUM names one).
set -euo pipefail

if [ -n "${CHROMIUM:-}" ] && command -v "$CHROMIUM" > /dev/null; then
  echo "chromium: $CHROMIUM is there"
  exit 0
fi
for name in chromium chromium-browser; do
  if command -v "$name" > /dev/null; then
    echo "chromium: $(command -v "$name") is there"
    exit 0
  fi
done

if ! command -v apt-get > /dev/null; then
  echo "chromium is missing and this is not a Debian-like system (no apt-get): install chromium, or set CHROMIUM to its path" >&2
  exit 1
fi
sudo=''
if [ "$(id -u)" -ne 0 ]; then sudo='sudo'; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium
command -v chromium
