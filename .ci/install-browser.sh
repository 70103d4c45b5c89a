#!/bin/sh
# Installs Debian's Chromium for the end-to-end test. Playwright cannot download its own
# browser here, so playwright-core drives this one (executablePath /usr/bin/chromium).
# Idempotent and non-interactive: does nothing when the browser is already there.
set -eu

if [ -x /usr/bin/chromium ] && command -v ip >/dev/null 2>&1 && command -v unshare >/dev/null 2>&1; then
  echo "install-browser: chromium, ip and unshare already present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# iproute2 provides `ip`, which the e2e runner needs to bring up loopback in its namespace.
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation iproute2 util-linux
echo "install-browser: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
