#!/usr/bin/env bash
# Lints protos/ with buf (configuration: buf.yaml), installing the pinned buf
# from npm into tools/buf/node_modules first.
#
#   scripts/buf-lint.sh
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --prefix tools/buf --no-audit --no-fund --loglevel=error
tools/buf/node_modules/.bin/buf lint
