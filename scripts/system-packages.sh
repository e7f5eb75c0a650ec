#!/usr/bin/env bash
# The Debian packages that `make run` and `make test` need beyond Python:
#   chromium          the browser tests (tests/e2e) drive it through Playwright
#   fonts-liberation  Arial-compatible fonts, so the browser tests lay pages out as users see them
#   graphviz          `dot`, for the workflow diagrams (django-fsm-2's graph_transitions)
#   postgresql        initdb and pg_ctl, for CI's PostgreSQL run and the load benchmark
#   redis-server      the production cache's tests and the spike benchmark start their own
#                     (the package's own service is not needed)
#   nodejs, npm       the public site's assets (GOV.UK Frontend, Sass, axe-core)
# Only what is missing is installed: as root with apt-get, otherwise the script stops at once
# and prints the one command to run.
set -euo pipefail

missing=()
have_package() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

command -v chromium >/dev/null || [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
have_package fonts-liberation || missing+=(fonts-liberation)
command -v dot >/dev/null || missing+=(graphviz)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "Missing system packages: ${missing[*]}. Install them with:" >&2
  echo >&2
  echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  echo >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "Missing system packages: ${missing[*]} (and no apt-get to install them with)." >&2
  exit 1
fi

echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
