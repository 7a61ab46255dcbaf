// The client against servers that authenticate their callers over TLS and
// mutual TLS (scripts/with-secure-demo-server.sh, inside
// scripts/with-demo-server.sh): the right credential gets the plaintext
// server's numbers, the stream included; no token or a wrong one is
// UNAUTHENTICATED, an RPC the caller is not allowed PERMISSION_DENIED, and a
// server that cannot be verified UNAVAILABLE.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { Client, SalesmetricsError, type ClientOptions, type Value } from '../src';
import { Q1, server } from './support';

function environment(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through scripts/with-secure-demo-server.sh`);
  return value;
}

const secret = (name: string) => path.join(environment('SALESMETRICS_TEST_SECRETS'), name);
const token = (name = 'token') => readFileSync(secret(name), 'utf8');
const tlsServer = environment('SALESMETRICS_TLS_SERVER');
const mtlsServer = environment('SALESMETRICS_MTLS_SERVER');
const caFile = secret('ca.pem');

const clients: Client[] = [];
after(() => clients.forEach((client) => client.close()));

function connect(address: string, options: ClientOptions): Client {
  const client = new Client(address, { timeoutMs: 10_000, ...options });
  clients.push(client);
  return client;
}

async function totalSales(address: string, options: ClientOptions = {}): Promise<Value> {
  return (await connect(address, options).compute({ metric: 'total_sales', ...Q1 })).result.value;
}

async function assertFailsWith(codeName: string, call: Promise<unknown>): Promise<void> {
  const error = await call.catch((e: unknown) => e);
  assert.ok(error instanceof SalesmetricsError, String(error));
  assert.equal(error.codeName, codeName);
}

let expected: Value;
before(async () => { expected = await totalSales(server()); });

test('a token over TLS gets the demo numbers', async () => {
  assert.deepEqual(await totalSales(tlsServer, { caFile, token: token() }), expected);
  assert.deepEqual(await totalSales(tlsServer, { caFile, serverName: 'localhost', token: token() }), expected);
});

test('a client certificate over mutual TLS gets the demo numbers', async () => {
  const certificate = { caFile, certFile: secret('client.pem'), keyFile: secret('client.key') };
  assert.deepEqual(await totalSales(mtlsServer, certificate), expected);
});

test('the alert stream carries the token', { timeout: 30_000 }, async () => {
  for await (const event of connect(tlsServer, { caFile, token: token() }).watchAlerts()) {
    assert.equal(event.change, 'active');
    break;
  }
});

test('no token or a wrong one is UNAUTHENTICATED', { timeout: 30_000 }, async () => {
  await assertFailsWith('UNAUTHENTICATED', totalSales(tlsServer, { caFile }));
  await assertFailsWith('UNAUTHENTICATED', totalSales(tlsServer, { caFile, token: 'not-the-token' }));
  await assertFailsWith('UNAUTHENTICATED', connect(tlsServer, { caFile }).watchAlerts().next());
});

test('an RPC the caller is not allowed is PERMISSION_DENIED', async () => {
  assert.deepEqual(await totalSales(tlsServer, { caFile, token: token('limited-token') }), expected);
  const limited = connect(tlsServer, { caFile, token: token('limited-token') });
  await assertFailsWith('PERMISSION_DENIED', limited.listMetrics());
});

test('a server that cannot be verified is UNAVAILABLE', async () => {
  await assertFailsWith('UNAVAILABLE', totalSales(tlsServer, { caFile: secret('other-ca.pem'), token: token() }));
  await assertFailsWith('UNAVAILABLE', totalSales(mtlsServer, { caFile, token: token() }));
});
