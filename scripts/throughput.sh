#!/usr/bin/env bash
# Throughput of a repeated request (tests/bench/throughput.cc): a server on
# demo data against a bare gRPC server, with the same client, in one run.
#
#   scripts/throughput.sh [SECONDS] [CALLERS] [EXTRA SERVER FLAGS...]   # default 10 s, 16 callers
#   scripts/throughput.sh 10 16 --disable_result_cache
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build}
seconds=${1:-10}
callers=${2:-16}
shift $(($# < 2 ? $# : 2))
cmake --build "$build_dir" -j2 --target salesmetrics_throughput salesmetrics-admin salesmetrics-server >/dev/null

tool="$build_dir/tests/bench/salesmetrics_throughput"
work=$(mktemp -d)
trap 'kill "$server" "$bare" 2>/dev/null; wait "$server" "$bare" 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
await_port() {
  for _ in $(seq 100); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $1))" 2>/dev/null && return
    sleep 0.1
  done
}
"$build_dir/server/salesmetrics-admin" demo-data --database="sqlite3://$work/demo.db" 2>/dev/null
port=$(free_port)
"$build_dir/server/salesmetrics-server" --database="sqlite3://$work/demo.db" --listen="127.0.0.1:$port" \
  --plugin_dir="$build_dir/plugins/lib" "$@" 2>"$work/server.log" &
server=$!
await_port "$port"
bare_port=$(free_port)
"$tool" --serve_bare="127.0.0.1:$bare_port" --server="127.0.0.1:$port" &
bare=$!
await_port "$bare_port"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
"$tool" --server="127.0.0.1:$port" --bare="127.0.0.1:$bare_port" --callers="$callers" --seconds="$seconds" \
  --server_pid="$server"
