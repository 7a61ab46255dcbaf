import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { SalesmetricsError } from '../src';
import { connect } from './support';

const client = connect();
after(() => client.close());

test('an invalid request fails with INVALID_ARGUMENT and the field violations', async () => {
  const error = await client.compute({ metric: 'win_rate', start: '2026-13-01' }).catch((e: unknown) => e);

  assert.ok(error instanceof SalesmetricsError);
  assert.equal(error.codeName, 'INVALID_ARGUMENT');
  assert.equal(error.code, 3);
  assert.equal(error.reason, 'INVALID_ARGUMENT');
  assert.equal(error.domain, 'salesmetrics.v1');
  assert.deepEqual(error.fieldViolations.map((v) => v.field), ['period_start', 'period_end']);
  assert.match(error.fieldViolations[0].description, /"2026-13-01"/);
  assert.equal(error.fieldViolations[1].description, 'is required (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS])');
});

test('an unknown metric fails with NOT_FOUND', async () => {
  const error = await client.compute({ metric: 'no_such_metric', start: '2026-01-01', end: '2026-02-01' })
    .catch((e: unknown) => e);

  assert.ok(error instanceof SalesmetricsError);
  assert.equal(error.codeName, 'NOT_FOUND');
  assert.match(error.details, /no_such_metric/);
  assert.deepEqual(error.fieldViolations, []);
});
