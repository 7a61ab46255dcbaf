#!/usr/bin/env bash
# Sets everything up and runs the service on the embedded SQLite demo data:
# installs the Debian packages, builds, generates build/demo.db, starts the
# server on 127.0.0.1:50051 and shows a KPI through the CLI. Ctrl-C stops.
#
#   scripts/demo.sh
#   LISTEN=0.0.0.0:50051 scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build}
listen=${LISTEN:-127.0.0.1:50051}
scripts/install-deps.sh

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j2 --target salesmetrics-server salesmetrics-admin salesmetrics salesmetrics_plugins

db="$(realpath -m "$build_dir/demo.db")"
if [[ ! -f "$db" ]]; then
  "$build_dir/server/salesmetrics-admin" demo-data --database="sqlite3://$db.tmp" && mv "$db.tmp" "$db"
fi

"$build_dir/server/salesmetrics-server" --database="sqlite3://$db" --listen="$listen" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT INT TERM

cli() { "$build_dir/clients/cli/salesmetrics" --server "$listen" "$@"; }
for _ in $(seq 100); do
  cli list >/dev/null 2>&1 && break
  sleep 0.1
done

cli list
echo
echo '$ salesmetrics compute total_sales --from 2025-10-01 --to 2026-10-01 --granularity quarter --as-of 2026-10-01'
cli compute total_sales --from 2025-10-01 --to 2026-10-01 --granularity quarter --as-of 2026-10-01
echo
echo "salesmetrics is serving the demo database $db on $listen."
echo "Try: $build_dir/clients/cli/salesmetrics compute win_rate --from 2026-01-01 --to 2026-07-01 --by region"
echo "Ctrl-C stops the server."
wait $server
