#!/usr/bin/env bash
# Install Debian's PostgreSQL server binaries for the PostgreSQL store tests (the tests start
# their own throwaway server in a temporary folder; nothing is configured system-wide).
set -u
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  (apt-get install -y -qq postgresql >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq postgresql >/dev/null; }) \
    && exit 0
  echo "setup_postgres: could not install postgresql; PostgreSQL store tests will be skipped" >&2
else
  echo "setup_postgres: PostgreSQL server binaries missing and not root; run 'sudo apt-get install postgresql' for those tests" >&2
fi
exit 0
