#!/usr/bin/env bash
# Runs a command against two salesmetrics servers on fresh demo data that
# authenticate their callers, then stops them:
#
#   $SALESMETRICS_TLS_SERVER    TLS; callers present a bearer token
#   $SALESMETRICS_MTLS_SERVER   mutual TLS: callers present a client certificate
#
# $SALESMETRICS_TEST_SECRETS names a directory holding what the clients need:
# the certificates of tests/support/make-test-certificates.sh (ca.pem,
# client.pem, client.key, other-ca.pem), `token` (the caller "reporting",
# allowed every RPC, also known by the client certificate) and
# `limited-token` (the caller "limited", allowed ComputeMetric only).
#
#   scripts/with-secure-demo-server.sh BUILD_DIR COMMAND [ARGS...]
#
# It composes with scripts/with-demo-server.sh, which adds a plaintext one:
#   scripts/with-demo-server.sh build scripts/with-secure-demo-server.sh build COMMAND...
set -euo pipefail

build_dir=$(realpath "${1:?usage: with-secure-demo-server.sh BUILD_DIR COMMAND...}")
shift
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
servers=()
trap 'kill "${servers[@]}" 2>/dev/null || true; wait "${servers[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

"$build_dir/server/salesmetrics-admin" demo-data --database="sqlite3://$work/demo.db" 2>/dev/null &
demo_data=$!
secrets=$work/secrets
"$here/../tests/support/make-test-certificates.sh" "$secrets"
openssl rand -hex 24 | tr -d '\n' >"$secrets/token"
openssl rand -hex 24 | tr -d '\n' >"$secrets/limited-token"
sha256() { sha256sum "$1" | cut -d' ' -f1; }
cat >"$work/credentials.textproto" <<CREDENTIALS
caller {
  name: "reporting"
  tenant: "default"
  token_sha256: "$(sha256 "$secrets/token")"
  client_certificate_name: "reporting.acme.test"
  allow_rpc: "*"
}
caller {
  name: "limited"
  tenant: "default"
  token_sha256: "$(sha256 "$secrets/limited-token")"
  allow_rpc: "salesmetrics.v1.MetricsService/ComputeMetric"
}
CREDENTIALS

wait "$demo_data"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start NAME ARGS...: a server on a free port, $address, process $pid; its log in $work/NAME.log.
start() {
  local name=$1
  shift
  address=127.0.0.1:$(free_port)
  "$build_dir/server/salesmetrics-server" --database="sqlite3://$work/demo.db" --listen="$address" \
    --plugin_dir="$build_dir/plugins/lib" --tls_cert_file="$secrets/server.pem" --tls_key_file="$secrets/server.key" \
    --credentials_file="$work/credentials.textproto" "$@" 2>"$work/$name.log" &
  pid=$!
  servers+=("$pid")
}

# wait_until_serving NAME PID CLI_ARGS...: until the CLI lists the metrics; fails if the server exits.
wait_until_serving() {
  local name=$1 server=$2
  shift 2
  for _ in $(seq 100); do
    "$build_dir/clients/cli/salesmetrics" list --tls_ca_file="$secrets/ca.pem" "$@" >/dev/null 2>&1 && return
    if ! kill -0 "$server" 2>/dev/null; then
      echo "with-secure-demo-server.sh: the $name server exited:" >&2
      cat "$work/$name.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "with-secure-demo-server.sh: the $name server does not answer" >&2
  return 1
}

start tls
export SALESMETRICS_TLS_SERVER=$address
tls_pid=$pid
start mtls --tls_client_ca_file="$secrets/ca.pem"
export SALESMETRICS_MTLS_SERVER=$address
wait_until_serving tls "$tls_pid" --server="$SALESMETRICS_TLS_SERVER" --token_file="$secrets/token"
wait_until_serving mtls "$pid" --server="$SALESMETRICS_MTLS_SERVER" \
  --tls_cert_file="$secrets/client.pem" --tls_key_file="$secrets/client.key"
export SALESMETRICS_TEST_SECRETS=$secrets
"$@"
