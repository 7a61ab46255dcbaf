#!/usr/bin/env bash
# The side-by-side benchmark (tests/bench/side_by_side/): every standard
# metric and dashboard computed by the server, end to end over gRPC, against
# a hand-written SQL twin of the same figures on the same database; the two
# are first checked to give the same figures, then timed interleaved, medians
# of 5. On SQLite, and on PostgreSQL when SALESMETRICS_BENCH_POSTGRES_URL names
# a server (a database salesmetrics_bench_N is made there once and reused).
#
#   scripts/side_by_side.sh [OPPORTUNITIES] [TOOL FLAGS...]   # default 40000
#   scripts/side_by_side.sh 1000000
#   scripts/side_by_side.sh 4000 --filter=briefing --rounds=1
#
# Demo data of a size is generated once and kept: $BUILD_DIR/bench-N.db
# (about 3.7 GB at a million opportunities); delete it (or drop the
# PostgreSQL database) to make it anew after the schema or the generator
# changes. The throughput of repeated requests is scripts/throughput.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build}
size=40000
if [[ ${1:-} =~ ^[0-9]+$ ]]; then size=$1; shift; fi
cmake --build "$build_dir" -j2 --target salesmetrics_side_by_side salesmetrics-admin salesmetrics-server \
  salesmetrics_plugins >/dev/null

tool="$build_dir/tests/bench/salesmetrics_side_by_side"
work=$(mktemp -d)
server=
trap '[[ -n $server ]] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
await_port() {
  for _ in $(seq 300); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $1))" 2>/dev/null && return
    sleep 0.1
  done
  echo "the server did not start:" >&2
  cat "$work/server.log" >&2
  return 1
}

# Serves $1 with the result cache off (every answer computed), runs the
# cases against it, and prints the server's RSS after them.
compare() {
  local url=$1 port
  port=$(free_port)
  "$build_dir/server/salesmetrics-server" --database="$url" --listen="127.0.0.1:$port" \
    --plugin_dir="$build_dir/plugins/lib" --disable_result_cache --allow_privileged_database_role \
    --max_request_seconds=600 2>"$work/server.log" &
  server=$!
  await_port "$port" || return 1
  local status=0
  "$tool" --server="127.0.0.1:$port" --database="$url" --cases=tests/bench/side_by_side/cases.textproto \
    --twins_dir=tests/bench/twins "$@" || status=$?
  if ! kill -0 "$server" 2>/dev/null; then
    echo "the server stopped:" >&2
    cat "$work/server.log" >&2
    server=
    return 1
  fi
  echo "server RSS after the cases: $(($(awk '/VmRSS/ {print $2}' "/proc/$server/status") / 1024)) MB"
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
  return $status
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $size opportunities"
db=$(realpath -m "$build_dir/bench-$size.db")
if [[ ! -f $db ]]; then
  rm -f "$db.tmp"
  "$build_dir/server/salesmetrics-admin" demo-data --database="sqlite3://$db.tmp" --opportunities="$size" >&2
  mv "$db.tmp" "$db"
fi
status=0
compare "sqlite3://$db" "$@" || status=$?

if [[ -n ${SALESMETRICS_BENCH_POSTGRES_URL:-} ]]; then
  name="salesmetrics_bench_$size"
  pg_url="${SALESMETRICS_BENCH_POSTGRES_URL%/*}/$name"
  made=$(psql -qtA "$pg_url" -c "SELECT count(*) FROM opportunities" 2>/dev/null || true)
  if [[ $made != "$size" ]]; then
    psql -q "$SALESMETRICS_BENCH_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
    "$build_dir/server/salesmetrics-admin" demo-data --database="$pg_url" --opportunities="$size" >&2
  fi
  compare "$pg_url" "$@" || status=$?
fi
exit $status
