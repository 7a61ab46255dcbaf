// Decodes the google.rpc.Status the server sends in the
// grpc-status-details-bin trailer: BadRequest field violations and ErrorInfo.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as protobuf from 'protobufjs';
import type { BadRequest__Output } from './generated/google/rpc/BadRequest';
import type { ErrorInfo__Output } from './generated/google/rpc/ErrorInfo';
import type { Status__Output } from './generated/google/rpc/Status';
import { errorDetailFiles, includeDirs } from './protos';

export interface FieldViolation {
  field: string;
  description: string;
}

export interface StatusDetails {
  fieldViolations: FieldViolation[];
  // ErrorInfo: why, in a machine-readable word (e.g. "INVALID_ARGUMENT"), and the domain.
  reason: string | null;
  domain: string | null;
}

let root: protobuf.Root | undefined;

function types(): protobuf.Root {
  if (root === undefined) {
    root = new protobuf.Root();
    root.resolvePath = (_origin, target) =>
      includeDirs.map((dir) => path.join(dir, target)).find((file) => existsSync(file)) ?? target;
    root.loadSync(errorDetailFiles);
  }
  return root;
}

function decode<T>(typeName: string, bytes: Uint8Array): T {
  const type = types().lookupType(typeName);
  return type.toObject(type.decode(bytes), { defaults: true, arrays: true }) as T;
}

export function decodeStatusDetails(bytes: Uint8Array): StatusDetails {
  const details: StatusDetails = { fieldViolations: [], reason: null, domain: null };
  for (const any of decode<Status__Output>('google.rpc.Status', bytes).details) {
    const typeName = any.type_url.slice(any.type_url.lastIndexOf('/') + 1);
    if (typeName === 'google.rpc.BadRequest') {
      details.fieldViolations.push(...decode<BadRequest__Output>(typeName, any.value).fieldViolations);
    } else if (typeName === 'google.rpc.ErrorInfo') {
      const info = decode<ErrorInfo__Output>(typeName, any.value);
      details.reason = info.reason;
      details.domain = info.domain;
    }
  }
  return details;
}
