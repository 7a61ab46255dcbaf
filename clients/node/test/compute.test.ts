import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Money } from '../src';
import { AS_OF, cliJson, cliValue, connect, Q1 } from './support';

const client = connect();
after(() => client.close());

test('total_sales and its measures are what the C++ CLI prints, to the minor unit', async () => {
  const cli = cliJson('compute', 'total_sales', '--from', Q1.start, '--to', Q1.end, '--as-of', '2026-10-01');
  const sales = await client.compute({ metric: 'total_sales', ...Q1 });

  const total = sales.result.value;
  assert.equal(total.kind, 'money');
  assert.deepEqual(total.value, new Money('CNY', BigInt(cli.result.value.money.minorUnits)));
  assert.equal((total.value as Money).toDecimalString(), '34041500.00');
  assert.deepEqual([...sales.result.measures.keys()], cli.result.measures.map((m: { name: string }) => m.name));
  for (const { name, value } of cli.result.measures) {
    assert.deepEqual(sales.result.measures.get(name)?.value, cliValue(value), name);
  }
  assert.deepEqual(sales.result.measures.get('win_rate')?.fraction, { numerator: 152n, denominator: 382n });
  assert.deepEqual([sales.start, sales.end, sales.asOf],
    [new Date('2026-01-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'), AS_OF]);
});

test('a ratio over nothing is absent (null), with the reason', async () => {
  const rate = await client.compute({ metric: 'win_rate', start: '2020-01-01', end: '2020-02-01', asOf: AS_OF });
  assert.equal(rate.result.value.value, null);
  assert.equal(rate.result.value.absentReason, 'no opportunities closed in the period');
  assert.deepEqual(rate.result.value.fraction, { numerator: 0n, denominator: 0n });
});

test('a series grouped by region has the CLI\'s buckets, keys and exact operands', async () => {
  const cli = cliJson('compute', 'win_rate', '--from', '2026-01-01', '--to', '2026-07-01', '--by', 'region',
    '--granularity', 'quarter', '--as-of', '2026-10-01');
  const rate = await client.compute({
    metric: 'win_rate', start: '2026-01-01', end: '2026-07-01', by: 'region', granularity: 'quarter', asOf: AS_OF,
  });

  assert.deepEqual(rate.series.map((bucket) => bucket.label), ['2026-Q1', '2026-Q2']);
  rate.series.forEach((bucket, i) => {
    assert.deepEqual(
      bucket.groups.map((group) => [group.key, group.result.value.fraction]),
      cli.series[i].groups.map((group: any) => [group.key ?? null, {
        numerator: BigInt(group.result.value.fraction.countNumerator),
        denominator: BigInt(group.result.value.fraction.countDenominator),
      }]));
  });
});
