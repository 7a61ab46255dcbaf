"""Failed calls as exceptions carrying the gRPC status and its details."""
from typing import NamedTuple

import grpc
from google.rpc import error_details_pb2, status_pb2

_STATUS_DETAILS_KEY = "grpc-status-details-bin"


class FieldViolation(NamedTuple):
    """One invalid request field, from google.rpc.BadRequest."""

    field: str
    description: str


class SalesmetricsError(Exception):
    """A call that failed: its gRPC status code, message and field violations."""

    def __init__(self, code: grpc.StatusCode, message: str, field_violations=()):
        super().__init__(f"{code.name}: {message}")
        self.code = code
        self.message = message
        self.field_violations = list(field_violations)

    @classmethod
    def from_rpc_error(cls, error: grpc.RpcError) -> "SalesmetricsError":
        return cls(error.code(), error.details() or "", _field_violations(error.trailing_metadata() or ()))


def _field_violations(trailing_metadata):
    for key, value in trailing_metadata:
        if key != _STATUS_DETAILS_KEY:
            continue
        violations = []
        for detail in status_pb2.Status.FromString(value).details:
            bad_request = error_details_pb2.BadRequest()
            if detail.Unpack(bad_request):
                violations += [FieldViolation(v.field, v.description) for v in bad_request.field_violations]
        return violations
    return []
