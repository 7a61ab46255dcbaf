#!/usr/bin/env bash
# The bounded load test (tests/load/bounded_load_test.cc) for longer than
# the suite's 90 seconds: loopback only, it stops by itself.
#
#   scripts/load-test.sh [SECONDS]    # default 300
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build}
cmake --build "$build_dir" -j2 --target bounded_load_test >/dev/null
SALESMETRICS_LOAD_SECONDS=${1:-300} "$build_dir/tests/load/bounded_load_test"
