#!/usr/bin/env bash
# Sets everything up and runs the whole test suite on SQLite and on a
# private PostgreSQL server it starts (and stops) itself; then the
# sanitizer build's tests and bounded fuzzing (scripts/sanitize.sh, in
# build-sanitize).
#
#   scripts/test.sh            # from a fresh Debian 12 machine
#   BUILD_DIR=build-x scripts/test.sh
#   SALESMETRICS_SKIP_SANITIZE=1 scripts/test.sh   # without the sanitizer build
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build}
scripts/install-deps.sh

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j2

pg_dir="$build_dir/test-postgres"
pg_port=${SALESMETRICS_TEST_POSTGRES_PORT:-55433}
trap 'scripts/postgres.sh stop "$pg_dir"' EXIT
export SALESMETRICS_TEST_POSTGRES_URL
SALESMETRICS_TEST_POSTGRES_URL=$(scripts/postgres.sh start "$pg_dir" "$pg_port")
echo "PostgreSQL for tests: $SALESMETRICS_TEST_POSTGRES_URL"

ctest --test-dir "$build_dir" --output-on-failure -j2

if [[ -z ${SALESMETRICS_SKIP_SANITIZE:-} ]]; then
  scripts/sanitize.sh
fi
