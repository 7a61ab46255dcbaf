// What the integration tests share: the server under test (started by
// scripts/with-demo-server.sh) and the C++ CLI whose numbers they must match.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { Client, Money } from '../src';

// The demo data's queries are asked at a fixed instant, so that they do not
// depend on the day the test runs.
export const AS_OF = new Date('2026-10-01T00:00:00Z');
export const Q1 = { start: '2026-01-01', end: '2026-04-01', asOf: AS_OF };

export function server(): string {
  const address = process.env.SALESMETRICS_SERVER;
  if (!address) throw new Error('SALESMETRICS_SERVER is not set: run the tests through scripts/with-demo-server.sh');
  return address;
}

export function connect(): Client {
  return new Client(server());
}

// Runs the C++ CLI (SALESMETRICS_CLI, else build/clients/cli/salesmetrics)
// with --json against the same server and parses its output.
export function cliJson(...args: string[]): any {
  const cli = process.env.SALESMETRICS_CLI ?? path.resolve(__dirname, '../../../../build/clients/cli/salesmetrics');
  return JSON.parse(execFileSync(cli, [...args, '--json', '--server', server()], { encoding: 'utf8' }));
}

// A Money and a Value in the CLI's JSON as the client represents them
// (proto3 JSON leaves out zeros outside a oneof).
export function cliMoney(json: any): Money {
  return new Money(json.currencyCode, BigInt(json.minorUnits ?? 0));
}

export function cliValue(json: any): unknown {
  if (json.money) return cliMoney(json.money);
  if (json.count !== undefined) return BigInt(json.count);
  if (json.ratio !== undefined) return json.ratio;
  if (json.days !== undefined) return json.days;
  return null;
}
