#!/usr/bin/env bash
# Generates the Python modules of the API into OUT_DIR, with those of the
# google.rpc error details and of the v1alpha reflection service that the
# wrapper and reflect.py use. OUT_DIR then goes on PYTHONPATH after
# clients/python (the build does this into BUILD_DIR/clients/python/gen).
#
#   clients/python/generate.sh OUT_DIR
set -euo pipefail

out=${1:?usage: generate.sh OUT_DIR}
protos=$(cd "$(dirname "$0")/../../protos" && pwd)
protoc=${PROTOC:-protoc}
googleapis=${GOOGLEAPIS_PROTO_DIR:-/usr/share/gocode/src/github.com/gogo/googleapis}
grpc_protos=${GRPC_PROTO_DIR:-/usr/share/grpc-proto}

# reflection.proto imports nothing, so its module may live anywhere; under
# salesmetrics/ it cannot collide with the installed grpc package.
mkdir -p "$out/salesmetrics/reflection"
"$protoc" -I "$protos" -I "$googleapis" --python_out="$out" --grpc_out="$out" \
  --plugin=protoc-gen-grpc=/usr/bin/grpc_python_plugin "$protos"/salesmetrics/v1/*.proto
"$protoc" -I "$googleapis" --python_out="$out" google/rpc/status.proto google/rpc/error_details.proto
"$protoc" -I "$grpc_protos/grpc/reflection/v1alpha" --python_out="$out/salesmetrics/reflection" reflection.proto
