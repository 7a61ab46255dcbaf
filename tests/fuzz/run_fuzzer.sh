#!/usr/bin/env bash
# A bounded libFuzzer run, as a test:
#
#   run_fuzzer.sh FUZZER SEED_CORPUS SECONDS FINDINGS_DIR [libFuzzer flags...]
#
# Fuzzes from a scratch copy of the seed corpus (so the repository's stays
# as it is) for SECONDS. Fails on a crash, a sanitizer report, a leak, an
# input slower than 10 s or more than 2 GB of memory; the input is saved in
# FINDINGS_DIR. Ends with libFuzzer's "Done N runs" line. The targets fed
# requests or config files get the dictionary of their fields, the SQL one
# that of SQL's tokens.
set -euo pipefail
fuzzer=$1 seeds=$2 seconds=$3 findings=$4
shift 4

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -R "$seeds" "$scratch/corpus"
mkdir -p "$findings"
name=$(basename "$fuzzer")
here=$(cd "$(dirname "$0")" && pwd)
case $name in
  request_decoder_fuzzer | compute_fuzzer) set -- "-dict=$here/requests.dict" "$@" ;;
  config_fuzzer) set -- "-dict=$here/configs.dict" "$@" ;;
  sql_check_fuzzer) set -- "-dict=$here/sql.dict" "$@" ;;
esac

status=0
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$findings/$name-" "$@" "$scratch/corpus" >"$scratch/log" 2>&1 || status=$?
cat "$scratch/log"
runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$scratch/log")
if ((status != 0)) || [[ -z $runs ]]; then
  echo "$name: FAILED (exit status $status); the input is in $findings" >&2
  exit 1
fi
echo "$name: $runs executions in $seconds s, no finding"
