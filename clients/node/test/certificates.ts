// Throwaway certificates for the TLS tests, made by
// tests/support/make-test-certificates.sh in a temporary directory.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// Compiled to dist/test/: the repository root is four levels up.
const script = path.resolve(__dirname, '../../../../tests/support/make-test-certificates.sh');

// The directory holding ca.pem, server.pem/.key, client.pem/.key and other-ca.pem.
export function makeCertificates(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'salesmetrics-certificates-'));
  execFileSync(script, [directory]);
  return directory;
}

export function removeCertificates(directory: string): void {
  rmSync(directory, { recursive: true, force: true });
}
