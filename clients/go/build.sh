#!/usr/bin/env bash
# Builds the Go client from Debian's packages alone, with no module download:
# protoc-gen-go and protoc-gen-go-grpc generate the API code, and the go
# command builds in GOPATH mode against the sources in /usr/share/gocode.
#
#   clients/go/build.sh [OUT_DIR]    # default clients/go/out
#
# OUT_DIR/bin/ then holds salesmetrics-example and salesmetrics.test (the
# integration test, run against $SALESMETRICS_SERVER).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(realpath -m "${1:-$here/out}")
gopath=$out/gopath

# The import paths: salesmetrics/gen/... (the protos' go_package) and
# salesmetrics/go/... (this directory).
mkdir -p "$gopath/src/salesmetrics" "$out/bin"
ln -sfn "$here" "$gopath/src/salesmetrics/go"
rm -rf "$gopath/src/salesmetrics/gen"
protoc -I "$here/../../protos" --go_out="$gopath/src" --go-grpc_out="$gopath/src" \
  "$here"/../../protos/salesmetrics/v1/*.proto

export GO111MODULE=off GOPATH="$gopath:/usr/share/gocode" GOPROXY=off GOFLAGS= GOCACHE="$out/gocache"
go vet salesmetrics/go/salesmetrics salesmetrics/go/example
go build -o "$out/bin/salesmetrics-example" salesmetrics/go/example
go test -c -o "$out/bin/salesmetrics.test" salesmetrics/go/salesmetrics
