#!/usr/bin/env bash
# Install Debian's chromium for the Playwright browser tests (never a downloaded browser build).
set -u
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq chromium fonts-dejavu-core >/dev/null \
    && exit 0
  echo "setup_browser: could not install chromium; browser tests will be skipped" >&2
else
  echo "setup_browser: /usr/bin/chromium missing and not root; run 'sudo apt-get install chromium' for the browser tests" >&2
fi
exit 0
