#!/usr/bin/env bash
# A longer fuzz session than the test suite's: builds the fuzz targets in
# build-sanitize (scripts/sanitize.sh configures it) and runs each one for
# SECONDS from its seed corpus, one after the other. A finding fails the
# script and leaves its input in build-sanitize/tests/fuzz/findings/.
#
#   scripts/fuzz.sh 600                      # every target, 10 minutes each
#   scripts/fuzz.sh 3600 compute_fuzzer      # one target, an hour
#   FUZZ_FLAGS=-jobs=2 scripts/fuzz.sh 600   # more libFuzzer flags
#
# To replay a finding: build-sanitize/tests/fuzz/compute_fuzzer FILE
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}
shift
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(request_decoder_fuzzer compute_fuzzer config_fuzzer database_url_fuzzer sql_check_fuzzer)
fi
build_dir=build-sanitize
if [[ ! -f $build_dir/CMakeCache.txt ]]; then
  echo "no $build_dir: run scripts/sanitize.sh first" >&2
  exit 1
fi
cmake --build "$build_dir" -j2 --target "${targets[@]}"

source tests/sanitizers/env.sh
for target in "${targets[@]}"; do
  # shellcheck disable=SC2086  # FUZZ_FLAGS holds several flags
  tests/fuzz/run_fuzzer.sh "$build_dir/tests/fuzz/$target" "tests/fuzz/corpus/$target" "$seconds" \
    "$build_dir/tests/fuzz/findings" ${FUZZ_FLAGS:-}
done
