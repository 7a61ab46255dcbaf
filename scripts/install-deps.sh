#!/usr/bin/env bash
# Installs every Debian 12 package salesmetrics needs to build, test and run.
# Used by the README's commands and by .ci/run: one list, one place.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkgconf
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libsoci-dev libboost-dev libsqlite3-dev libpq-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # the sanitizer build and libFuzzer (scripts/sanitize.sh); llvm-14 has llvm-symbolizer
  clang-14 libclang-rt-14-dev llvm-14
  # google.rpc.Status / BadRequest protos, and gRPC's health/reflection protos
  golang-github-gogo-googleapis-dev grpc-proto
  # runtime and tests
  tzdata sqlite3 postgresql openssl
  # Python client (clients/python), on Debian's /usr/bin/python3
  python3 python3-grpcio python3-protobuf
  # Go client (clients/go), built in GOPATH mode from Debian's sources alone. protobuf 1-5 by
  # name: grpc-dev also accepts 1-3, whose runtime panics on protoc-gen-go 1.28's code.
  golang-go protoc-gen-go protoc-gen-go-grpc golang-google-grpc-dev golang-google-protobuf-dev
  golang-github-golang-protobuf-1-5-dev golang-golang-x-text-dev
)
# Node.js client (clients/node, Node.js >= 20 for its tests) and buf (tools/buf): Debian's
# nodejs/npm (18) only when the machine has no npm at all; then node_client fails loudly.
if ! command -v npm >/dev/null; then packages+=(nodejs npm); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "Installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
