#!/usr/bin/env bash
# Starts or stops a private PostgreSQL 15 server for tests and local work.
#
#   scripts/postgres.sh start DIR [PORT]   # prints the server's database URL
#   scripts/postgres.sh stop DIR
#   scripts/postgres.sh kill DIR           # immediate stop, as a crash: for fault tests
#
# initdb refuses to run as root, so as root the server runs as `postgres`.
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
action=${1:?usage: postgres.sh start|stop|kill DIR [PORT]}
dir=$(realpath -m "${2:?usage: postgres.sh start|stop DIR [PORT]}")
port=${3:-55432}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

case "$action" in
  start)
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$dir"; fi
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
      as_owner "$bin/initdb -D '$dir/data' -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log"
    fi
    if ! as_owner "$bin/pg_ctl -D '$dir/data' status" >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start" >/dev/null
    fi
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl -D '$dir/data' -m fast stop" >/dev/null 2>&1 || true
    ;;
  kill)
    as_owner "$bin/pg_ctl -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: postgres.sh start|stop|kill DIR [PORT]" >&2
    exit 2
    ;;
esac
