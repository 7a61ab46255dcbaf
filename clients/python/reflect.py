#!/usr/bin/python3
"""A reflection client, for those without grpcurl: lists a gRPC server's
services and methods, and calls a method with a JSON request, using only
what the server tells through reflection (grpc.reflection.v1alpha).

    reflect.py HOST:PORT list
    reflect.py HOST:PORT call salesmetrics.v1.MetricsService/GetMetric '{"name": "metrics/win_rate"}'

Needs clients/python and the generated modules on PYTHONPATH (README.md).
"""
import signal
import sys

import grpc
from google.protobuf import descriptor_database, descriptor_pb2, descriptor_pool, json_format, message_factory

from salesmetrics.errors import SalesmetricsError
from salesmetrics.reflection import reflection_pb2

_REFLECTION = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"


def _reflect(channel, requests):
    info = channel.stream_stream(_REFLECTION,
                                 request_serializer=reflection_pb2.ServerReflectionRequest.SerializeToString,
                                 response_deserializer=reflection_pb2.ServerReflectionResponse.FromString)
    return list(info(iter(requests)))


def _services(channel):
    """The server's services by name, as descriptors, or None for those it
    cannot describe (gRPC's built-in health service has no descriptor)."""
    [listing] = _reflect(channel, [reflection_pb2.ServerReflectionRequest(list_services="")])
    names = [service.name for service in listing.list_services_response.service]
    # For each symbol, the server sends its file and every dependency not yet sent.
    responses = _reflect(channel, [reflection_pb2.ServerReflectionRequest(file_containing_symbol=n) for n in names])
    database = descriptor_database.DescriptorDatabase()
    for response in responses:
        for serialized in response.file_descriptor_response.file_descriptor_proto:
            database.Add(descriptor_pb2.FileDescriptorProto.FromString(serialized))
    pool = descriptor_pool.DescriptorPool(database)

    def describe(name):
        try:
            return pool.FindServiceByName(name)
        except KeyError:
            return None

    return {name: describe(name) for name in names}


def list_services(channel):
    for name, service in _services(channel).items():
        print(name if service else f"{name} (not described by the server)")
        for method in service.methods if service else ():
            stream = "stream " if method.server_streaming else ""
            print(f"  rpc {method.name}({method.input_type.full_name})"
                  f" returns ({stream}{method.output_type.full_name})")


def call(channel, path, request_json):
    service_name, _, method_name = path.partition("/")
    service = _services(channel).get(service_name)
    if service is None or method_name not in service.methods_by_name:
        sys.exit(f"the server describes no method {path}")
    method = service.methods_by_name[method_name]
    factory = message_factory.MessageFactory(method.input_type.file.pool)
    request_type, response_type = factory.GetPrototype(method.input_type), factory.GetPrototype(method.output_type)
    invoke = channel.unary_stream if method.server_streaming else channel.unary_unary
    rpc = invoke(f"/{service_name}/{method_name}", request_serializer=request_type.SerializeToString,
                 response_deserializer=response_type.FromString)
    responses = rpc(json_format.Parse(request_json, request_type()))
    for response in responses if method.server_streaming else [responses]:
        print(json_format.MessageToJson(response), flush=True)


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    command = sys.argv[2:3]
    if not (command == ["list"] and len(sys.argv) == 3 or command == ["call"] and len(sys.argv) == 5):
        sys.exit(__doc__)
    with grpc.insecure_channel(sys.argv[1]) as channel:
        try:
            list_services(channel) if command == ["list"] else call(channel, *sys.argv[3:])
        except grpc.RpcError as error:
            failure = SalesmetricsError.from_rpc_error(error)
            # The message repeats the field violations: list them once, one a line.
            violations = [f"  {v.field}: {v.description}" for v in failure.field_violations]
            sys.exit("\n".join([failure.code.name] + violations) if violations else str(failure))
        except json_format.ParseError as error:
            sys.exit(f"invalid request: {error}")
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
