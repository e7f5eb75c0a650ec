#!/usr/bin/env bash
# Start (or stop) a throwaway PostgreSQL cluster on loopback for tests and benchmarks.
#   scripts/pg-throwaway.sh start DIR PORT   -> prints a DATABASE_URL
#   scripts/pg-throwaway.sh stop DIR
# Uses Debian's postgresql binaries; runs the server as the 'postgres' user when
# started as root (PostgreSQL refuses to run as root).
set -euo pipefail
action=${1:?start|stop}
dir=${2:?data directory}
port=${3:-54329}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bindir" ] || { echo "PostgreSQL binaries not found (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_owner "$bindir/initdb" -D "$dir" -U postgres -A trust --no-sync >/dev/null
    fi
    as_owner "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1 || \
    as_owner "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
    "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres reviews 2>/dev/null || true
    echo "postgres://postgres@127.0.0.1:$port/reviews"
    ;;
  stop)
    as_owner "$bindir/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
