// Where the .proto files are and how they are loaded; protos.json is shared
// with tools/gen-types.mjs, so the generated types match what is loaded.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import * as path from 'node:path';
import protos from '../protos.json';
import type { ProtoGrpcType as AlertsProto } from './generated/alerts';
import type { ProtoGrpcType as DashboardsProto } from './generated/dashboards';
import type { ProtoGrpcType as MetricsProto } from './generated/metrics_service';

// Compiled to dist/src/: the package root is two levels up.
const packageRoot = path.resolve(__dirname, '..', '..');

export const includeDirs = protos.includeDirs.map((dir) => path.resolve(packageRoot, dir));
export const errorDetailFiles = protos.errorDetails;
// JSON names the constructors proto-loader takes: "String" for String.
const constructors = { String, Number };
const loaderOptions: protoLoader.Options = {
  ...protos.loaderOptions,
  longs: constructors[protos.loaderOptions.longs as keyof typeof constructors],
  enums: constructors[protos.loaderOptions.enums as keyof typeof constructors],
};

export type SalesmetricsProto = (MetricsProto & DashboardsProto & AlertsProto)['salesmetrics']['v1'];

export function loadServices(): SalesmetricsProto {
  const definition = protoLoader.loadSync(protos.services, { ...loaderOptions, includeDirs });
  return (grpc.loadPackageDefinition(definition) as unknown as MetricsProto & DashboardsProto & AlertsProto)
    .salesmetrics.v1;
}
