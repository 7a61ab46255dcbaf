// The client's connection options against a server of the test's own, in
// plaintext, TLS and mutual TLS: what the server sees of the token (unary
// calls and the stream) and of the client certificate, the connections that
// must fail, and the errors a server refusing a caller answers.
import * as grpc from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { Client, SalesmetricsError, type ClientOptions } from '../src';
import { isLoopback } from '../src/connection';
import { loadServices } from '../src/protos';
import { makeCertificates, removeCertificates } from './certificates';

const TOKEN = 's3cr3t-T0ken';
let certificates = '';
const file = (name: string) => path.join(certificates, name);
const pem = (name: string) => readFileSync(file(name));
const services = loadServices();
const cleanups: (() => void)[] = [];
before(() => { certificates = makeCertificates(); });
after(() => {
  cleanups.forEach((cleanup) => cleanup());
  removeCertificates(certificates);
});

const authorization = (call: { metadata: grpc.Metadata }) => String(call.metadata.get('authorization')[0] ?? '');

// ListMetrics answers one metric named after the call's authorization and
// described by the client certificate's common name; GetMetric fails with the
// status code it is asked for ('metrics/PERMISSION_DENIED'); WatchAlerts
// streams one event whose alert's message is the call's authorization.
const echo: grpc.UntypedServiceImplementation = {
  listMetrics(call: grpc.ServerUnaryCall<unknown, unknown>, done: grpc.sendUnaryData<unknown>) {
    const commonName = call.getAuthContext().sslPeerCertificate?.subject?.CN ?? '';
    done(null, { metrics: [{ name: authorization(call), description: commonName }] });
  },
  getMetric(call: grpc.ServerUnaryCall<{ name: string }, unknown>, done: grpc.sendUnaryData<unknown>) {
    const code = grpc.status[call.request.name.replace('metrics/', '') as keyof typeof grpc.status];
    done({ code, details: 'refused by the test' });
  },
  watchAlerts(call: grpc.ServerWritableStream<unknown, unknown>) {
    call.write({ alert: { message: authorization(call) }, evaluatedAt: { seconds: 1 } });
  },
};

type Transport = 'plaintext' | 'tls' | 'mutual_tls';

async function serve(transport: Transport): Promise<string> {
  const server = new grpc.Server();
  server.addService(services.MetricsService.service, echo);
  server.addService(services.AlertService.service, echo);
  const keyAndCertificate = { private_key: pem('server.key'), cert_chain: pem('server.pem') };
  const credentials = transport === 'plaintext'
    ? grpc.ServerCredentials.createInsecure()
    : grpc.ServerCredentials.createSsl(pem('ca.pem'), [keyAndCertificate], transport === 'mutual_tls');
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', credentials, (error, bound) => (error ? reject(error) : resolve(bound))));
  cleanups.push(() => server.forceShutdown());
  return `127.0.0.1:${port}`;
}

function connect(address: string, options: ClientOptions = {}): Client {
  const client = new Client(address, { timeoutMs: 10_000, ...options });
  cleanups.push(() => client.close());
  return client;
}

async function assertTokenOnEveryCall(client: Client): Promise<void> {
  const [metric] = await client.listMetrics();
  assert.equal(metric.name, `Bearer ${TOKEN}`);
  for await (const event of client.watchAlerts()) {
    assert.equal(event.alert.message, `Bearer ${TOKEN}`);
    break;
  }
}

async function assertFailsWith(codeName: string, call: Promise<unknown>): Promise<void> {
  const error = await call.catch((e: unknown) => e);
  assert.ok(error instanceof SalesmetricsError, String(error));
  assert.equal(error.codeName, codeName);
}

test('plaintext without a token sends no authorization', async () => {
  const [metric] = await connect(await serve('plaintext')).listMetrics();
  assert.equal(metric.name, '');
});

test('a token goes in plaintext to a loopback server', async () => {
  await assertTokenOnEveryCall(connect(await serve('plaintext'), { token: TOKEN }));
});

test('TLS verifies the server and carries the token', async () => {
  await assertTokenOnEveryCall(connect(await serve('tls'), { caFile: file('ca.pem'), token: TOKEN }));
});

test('the server name override is the name verified', async () => {
  const address = await serve('tls');
  assert.equal((await connect(address, { caFile: file('ca.pem'), serverName: 'localhost' }).listMetrics()).length, 1);
  const elsewhere = connect(address, { caFile: file('ca.pem'), serverName: 'elsewhere.test' });
  await assertFailsWith('UNAVAILABLE', elsewhere.listMetrics());
});

test('mutual TLS presents the client certificate', async () => {
  const client = connect(await serve('mutual_tls'), {
    caFile: file('ca.pem'), certFile: file('client.pem'), keyFile: file('client.key'),
  });
  const [metric] = await client.listMetrics();
  assert.deepEqual([metric.name, metric.description], ['', 'reporting.acme.test']);
});

test('connections that cannot be verified fail with UNAVAILABLE', async () => {
  await assertFailsWith('UNAVAILABLE', connect(await serve('tls'), { caFile: file('other-ca.pem') }).listMetrics());
  await assertFailsWith('UNAVAILABLE', connect(await serve('mutual_tls'), { caFile: file('ca.pem') }).listMetrics());
});

test('a refused caller gets a SalesmetricsError with the code', async () => {
  const client = connect(await serve('plaintext'), { token: TOKEN });
  for (const codeName of ['UNAUTHENTICATED', 'PERMISSION_DENIED']) {
    await assertFailsWith(codeName, client.getMetric(codeName));
  }
});

test('options that do not go together are refused', () => {
  for (const [options, message] of [
    [{ caFile: 'ca.pem', certFile: 'client.pem' }, /certFile and keyFile go together/],
    [{ caFile: 'ca.pem', keyFile: 'client.key' }, /certFile and keyFile go together/],
    [{ serverName: 'localhost' }, /need caFile/],
    [{ credentials: grpc.credentials.createSsl(), caFile: 'ca.pem' }, /credentials replaces/],
    [{ token: TOKEN }, /a token is sent only to a loopback address, not to 192\.0\.2\.1:50051/],
  ] as const) {
    assert.throws(() => new Client('192.0.2.1:50051', options), message);
  }
});

test('a file that cannot be read is named with its option', () => {
  assert.throws(() => new Client('127.0.0.1:1', { caFile: '/nonexistent/ca.pem' }),
    { message: 'caFile: cannot read /nonexistent/ca.pem: ENOENT' });
});

test('a token that is not one is refused without being shown', () => {
  for (const token of ['two words', '', 'café', 'line\n']) {
    assert.throws(() => new Client('127.0.0.1:1', { token }), (error: Error) =>
      /^token must be/.test(error.message) && !error.message.includes('words'));
  }
});

test('loopback addresses are told from others', () => {
  for (const address of ['127.0.0.1:50051', 'localhost:1', '[::1]:50051', 'dns:///localhost:1', 'unix:/tmp/s']) {
    assert.ok(isLoopback(address), address);
  }
  for (const address of ['192.0.2.1:50051', 'metrics.internal:443', '[fd00::2]:1', 'localhost.evil.test:1']) {
    assert.ok(!isLoopback(address), address);
  }
});
