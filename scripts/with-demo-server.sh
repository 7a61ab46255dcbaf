#!/usr/bin/env bash
# Runs a command against a salesmetrics server serving fresh demo data, then
# stops the server. The command finds the server in $SALESMETRICS_SERVER.
#
#   scripts/with-demo-server.sh BUILD_DIR COMMAND [ARGS...]
#
# The demo data is generated with the default seed, so values are the same
# on every run (see docs/metrics.md).
set -euo pipefail

build_dir=$(realpath "${1:?usage: with-demo-server.sh BUILD_DIR COMMAND...}")
shift
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT

"$build_dir/server/salesmetrics-admin" demo-data --database="sqlite3://$work/demo.db" 2>/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export SALESMETRICS_SERVER="127.0.0.1:$port"
"$build_dir/server/salesmetrics-server" --database="sqlite3://$work/demo.db" --listen="$SALESMETRICS_SERVER" \
  --plugin_dir="$build_dir/plugins/lib" 2>"$work/server.log" &
server=$!
for _ in $(seq 100); do
  "$build_dir/clients/cli/salesmetrics" list >/dev/null 2>&1 && break
  sleep 0.1
done
"$@"
