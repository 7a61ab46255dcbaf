import * as grpc from '@grpc/grpc-js';
import { decodeStatusDetails, type FieldViolation, type StatusDetails } from './status-details';

export type StatusCodeName = keyof typeof grpc.status;

// A failed call: the gRPC status code and message, and the details the
// server attached (the invalid fields of an INVALID_ARGUMENT).
export class SalesmetricsError extends Error {
  readonly codeName: StatusCodeName;
  readonly fieldViolations: FieldViolation[];
  readonly reason: string | null;
  readonly domain: string | null;

  constructor(readonly code: grpc.status, readonly details: string, statusDetails: StatusDetails, options?: ErrorOptions) {
    const codeName = grpc.status[code] as StatusCodeName;
    const violations = statusDetails.fieldViolations.map((v) => `\n  ${v.field}: ${v.description}`).join('');
    super(violations ? `${codeName}${violations}` : `${codeName}: ${details}`, options);
    this.name = 'SalesmetricsError';
    this.codeName = codeName;
    this.fieldViolations = statusDetails.fieldViolations;
    this.reason = statusDetails.reason;
    this.domain = statusDetails.domain;
  }
}

function isServiceError(error: unknown): error is grpc.ServiceError {
  return error instanceof Error && 'code' in error && 'metadata' in error;
}

// Turns what a grpc-js call failed with into a SalesmetricsError; anything
// else (a bug, a protocol violation) is passed on as it is.
export function toSalesmetricsError(error: unknown): unknown {
  if (!isServiceError(error)) return error;
  const [bytes] = error.metadata.get('grpc-status-details-bin');
  const details = bytes instanceof Buffer
    ? decodeStatusDetails(bytes)
    : { fieldViolations: [], reason: null, domain: null };
  return new SalesmetricsError(error.code, error.details, details, { cause: error });
}
