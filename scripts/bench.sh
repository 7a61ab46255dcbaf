#!/usr/bin/env bash
# Benchmarks every metric and dashboard on demo data of a given size
# (tests/bench/metrics_benchmark.cc), on SQLite, and on PostgreSQL when
# SALESMETRICS_BENCH_POSTGRES_URL names a server (a database is created).
#
#   scripts/bench.sh [OPPORTUNITIES...]    # default: 4000 40000
#   BUILD_DIR=build scripts/bench.sh 4000 --benchmark_filter=dashboard
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build}
sizes=()
args=()
for a in "$@"; do
  if [[ $a == --* ]]; then args+=("$a"); else sizes+=("$a"); fi
done
((${#sizes[@]})) || sizes=(4000 40000)
cmake --build "$build_dir" -j2 --target salesmetrics_benchmark salesmetrics-admin salesmetrics-server >/dev/null

for n in "${sizes[@]}"; do
  db="$build_dir/bench-$n.db"
  if [[ ! -f $db ]]; then
    "$build_dir/server/salesmetrics-admin" demo-data --database="sqlite3://$PWD/$db" --opportunities="$n" >&2
  fi
  echo "== SQLite, $n opportunities" >&2
  SALESMETRICS_BENCH_DATABASE="sqlite3://$PWD/$db" "$build_dir/tests/bench/salesmetrics_benchmark" "${args[@]}"
  if [[ -n ${SALESMETRICS_BENCH_POSTGRES_URL:-} ]]; then
    name="salesmetrics_bench_$n"
    psql -q "$SALESMETRICS_BENCH_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
    pg_url="${SALESMETRICS_BENCH_POSTGRES_URL%/*}/$name"
    "$build_dir/server/salesmetrics-admin" demo-data --database="$pg_url" --opportunities="$n" >&2
    echo "== PostgreSQL, $n opportunities" >&2
    SALESMETRICS_BENCH_DATABASE="$pg_url" "$build_dir/tests/bench/salesmetrics_benchmark" "${args[@]}"
  fi
done
