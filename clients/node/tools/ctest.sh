#!/usr/bin/env bash
# CTest's test of the Node.js client: installs the locked packages unless
# node_modules already holds them (so it also runs offline), then runs the
# tests against servers on fresh demo data: plaintext, and servers that
# authenticate their callers over TLS and mutual TLS.
#
#   clients/node/tools/ctest.sh BUILD_DIR
set -euo pipefail
build_dir=$(realpath "${1:?usage: ctest.sh BUILD_DIR}")
cd "$(dirname "$0")/.."

# npm writes node_modules/.package-lock.json last, when an install is complete.
if [[ ! node_modules/.package-lock.json -nt package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
export SALESMETRICS_CLI=${SALESMETRICS_CLI:-$build_dir/clients/cli/salesmetrics}
exec ../../scripts/with-demo-server.sh "$build_dir" ../../scripts/with-secure-demo-server.sh "$build_dir" npm test
