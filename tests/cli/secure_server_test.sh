#!/usr/bin/env bash
# The CLI against servers that authenticate their callers, over TLS and
# mutual TLS: with the right credential it prints what the plaintext server
# prints; without one, with a wrong one, or with the wrong CA it fails with
# the code that says so, and never shows the token. Run by CTest (cli_tls)
# through scripts/with-demo-server.sh and scripts/with-secure-demo-server.sh:
#
#   tests/cli/secure_server_test.sh CLI
set -uo pipefail
cli=${1:?usage: secure_server_test.sh CLI}
secrets=$SALESMETRICS_TEST_SECRETS
failures=0
compute=(compute total_sales --from 2026-01-01 --to 2026-04-01 --as-of 2026-10-01 --json)
tls=(--server="$SALESMETRICS_TLS_SERVER" --tls_ca_file="$secrets/ca.pem")
mtls=(--server="$SALESMETRICS_MTLS_SERVER" --tls_ca_file="$secrets/ca.pem"
  --tls_cert_file="$secrets/client.pem" --tls_key_file="$secrets/client.key")

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# expect_output NAME EXPECTED ARGS...: the CLI succeeds and prints EXPECTED.
expect_output() {
  local name=$1 expected=$2 output
  shift 2
  if ! output=$("$cli" "$@" 2>&1); then
    fail "$name: $output"
  elif [[ $output != "$expected" ]]; then
    fail "$name: printed something else than the plaintext server:"$'\n'"$output"
  fi
}

# expect_error NAME CODE ARGS...: the CLI fails with the status CODE, without
# showing a token (gRPC may log the failed handshake before).
expect_error() {
  local name=$1 code=$2 output
  shift 2
  if output=$("$cli" "$@" 2>&1); then
    fail "$name: succeeded"
  elif ! grep -q "^salesmetrics: $code: " <<<"$output"; then
    fail "$name: expected $code, got: $output"
  elif grep -qFf <(printf '%s\n' "$(<"$secrets/token")" "$(<"$secrets/limited-token")" not-the-token) <<<"$output"; then
    fail "$name: the error shows a token: $output"
  fi
}

expected=$("$cli" "${compute[@]}") || exit 1
expect_output "TLS, --token_file" "$expected" "${compute[@]}" "${tls[@]}" --token_file="$secrets/token"
SALESMETRICS_TOKEN=$(cat "$secrets/token") expect_output "TLS, \$SALESMETRICS_TOKEN" "$expected" "${compute[@]}" "${tls[@]}"
expect_output "TLS, --tls_server_name" "$expected" "${compute[@]}" "${tls[@]}" --token_file="$secrets/token" \
  --tls_server_name=localhost
expect_output "mutual TLS, client certificate" "$expected" "${compute[@]}" "${mtls[@]}"
expect_output "limited caller, ComputeMetric" "$expected" "${compute[@]}" "${tls[@]}" --token_file="$secrets/limited-token"

expect_error "TLS, no token" UNAUTHENTICATED "${compute[@]}" "${tls[@]}"
SALESMETRICS_TOKEN=not-the-token expect_error "TLS, wrong token" UNAUTHENTICATED "${compute[@]}" "${tls[@]}"
expect_error "limited caller, ListMetrics" PERMISSION_DENIED list "${tls[@]}" --token_file="$secrets/limited-token"
expect_error "TLS, another CA" UNAVAILABLE "${compute[@]}" --server="$SALESMETRICS_TLS_SERVER" \
  --tls_ca_file="$secrets/other-ca.pem" --token_file="$secrets/token"
expect_error "mutual TLS, no client certificate" UNAVAILABLE "${compute[@]}" --server="$SALESMETRICS_MTLS_SERVER" \
  --tls_ca_file="$secrets/ca.pem" --token_file="$secrets/token"
expect_error "plaintext to the TLS server" UNAVAILABLE "${compute[@]}" --server="$SALESMETRICS_TLS_SERVER" \
  --token_file="$secrets/token"

# The stream: refused without a token; with one it prints the active alerts
# (the demo data has some) until Ctrl-C, then exits 0 (--foreground: one
# SIGINT, to the CLI alone, as a second one kills it).
expect_error "WatchAlerts, no token" UNAUTHENTICATED alerts --watch "${tls[@]}"
output=$(timeout --foreground --preserve-status -s INT 2 "$cli" alerts --watch --json "${tls[@]}" --token_file="$secrets/token" 2>&1)
status=$?
if [[ $status != 0 || $output != *'"change":"CHANGE_ACTIVE"'* ]]; then
  fail "WatchAlerts, token: exit status $status: $output"
fi

exit $((failures > 0))
