#!/usr/bin/env bash
# Install Debian's Chromium for the app's end-to-end tests (tests/app/test_e2e.py) and the browser
# benchmark (python -m vision.bench.browser). Idempotent and quiet; needs root (or sudo).
# Playwright drives this system browser: never run `playwright install`.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version 2>/dev/null | head -n 1
