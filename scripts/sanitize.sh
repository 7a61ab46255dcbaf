#!/usr/bin/env bash
# The AddressSanitizer + UndefinedBehaviorSanitizer build and its tests:
# configures and builds build-sanitize with clang (SALESMETRICS_SANITIZE,
# which also builds the fuzz targets), starts a private PostgreSQL, and
# runs the sanitized tests on SQLite and PostgreSQL plus a bounded run of
# each fuzz target (tests/fuzz). scripts/test.sh runs it after the normal
# suite; it expects scripts/install-deps.sh to have run.
#
#   scripts/sanitize.sh
#   SALESMETRICS_SANITIZE_POSTGRES_PORT=55444 scripts/sanitize.sh   # default 55434
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build-sanitize
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_C_COMPILER_LAUNCHER= -DCMAKE_CXX_COMPILER_LAUNCHER= \
  -DSALESMETRICS_SANITIZE=ON -DSALESMETRICS_BUILD_LANGUAGE_CLIENTS=OFF >/dev/null
cmake --build "$build_dir" -j2

source tests/sanitizers/env.sh

pg_dir="$build_dir/test-postgres"
pg_port=${SALESMETRICS_SANITIZE_POSTGRES_PORT:-55434}
trap 'scripts/postgres.sh stop "$pg_dir"' EXIT
export SALESMETRICS_TEST_POSTGRES_URL
SALESMETRICS_TEST_POSTGRES_URL=$(scripts/postgres.sh start "$pg_dir" "$pg_port")
echo "PostgreSQL for the sanitized tests: $SALESMETRICS_TEST_POSTGRES_URL"

# Every test runs here but these, which the normal suite runs:
# - those that measure memory (the server's or their own), which
#   AddressSanitizer makes meaningless (its shadow memory, redzones and the
#   quarantine of freed blocks grow RSS by hundreds of MB); the bounded load
#   test also takes minutes.
# (Plugin workers run without their address-space limit here: a sanitized
# binary cannot reserve its shadow memory under one.)
excluded='UnknownTimeZonesLeaveNothingBehind|UnknownNamesLeaveNothingBehind|BoundedLoadTest'
status=0
ctest --test-dir "$build_dir" --output-on-failure -j2 -E "$excluded" || status=$?
echo "Fuzzing (tests/fuzz):"
grep -h "executions in .* s, no finding" "$build_dir/Testing/Temporary/LastTest.log" || true
exit "$status"
