// Generates the TypeScript types of the protos (src/generated/) with the same
// files and loader options the client loads them with at run time (protos.json).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const protos = JSON.parse(readFileSync(resolve(root, 'protos.json'), 'utf8'));
const out = resolve(root, 'src/generated');

const flags = Object.entries(protos.loaderOptions).map(([name, value]) =>
  value === true ? `--${name}` : `--${name}=${value}`);
const includes = protos.includeDirs.flatMap((dir) => ['-I', resolve(root, dir)]);

rmSync(out, { recursive: true, force: true });
execFileSync(resolve(root, 'node_modules/.bin/proto-loader-gen-types'),
  [...flags, '--grpcLib=@grpc/grpc-js', ...includes, '-O', out, ...protos.services, ...protos.errorDetails],
  { stdio: 'inherit' });
