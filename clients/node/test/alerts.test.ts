import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Alert, AlertEvaluation, AlertEvent } from '../src';
import { cliJson, cliValue, connect } from './support';

const client = connect();
after(() => client.close());

const summary = (alert: Alert) => `${alert.rule}/${alert.scope.level}/${alert.scope.id}/${alert.severity}`;

test('watchAlerts streams the active alerts, then stops when the loop is left', { timeout: 60_000 }, async () => {
  const events: AlertEvent[] = [];
  let expected: AlertEvaluation | undefined;
  const stream = client.watchAlerts();
  for await (const event of stream) {
    events.push(event);
    // The server's first evaluation comes at once: EvaluateAlerts' alerts at the same instant.
    expected ??= await client.evaluateAlerts(event.evaluatedAt);
    if (events.length >= expected.alerts.length) break;
  }

  assert.ok(events.length > 0, 'the demo data has active alerts at any instant');
  assert.deepEqual(events.map((e) => summary(e.alert)).sort(), expected!.alerts.map(summary).sort());
  for (const event of events) {
    assert.ok(event.change === 'active' || event.change === 'activated', event.change);
    assert.equal(event.previousSeverity, null);
    assert.deepEqual(event.evaluatedAt, events[0].evaluatedAt);
  }
  assert.deepEqual(await stream.next(), { done: true, value: undefined }, 'leaving the loop ended the call');
});

test('evaluateAlerts at a fixed instant is what the CLI prints', async () => {
  const cli = cliJson('alerts', '--as-of', '2026-10-01');
  const evaluation = await client.evaluateAlerts(new Date('2026-10-01T00:00:00Z'));

  assert.deepEqual(evaluation.asOf, new Date('2026-10-01T00:00:00Z'));
  assert.deepEqual(evaluation.alerts.map(summary), ['stalled_deals/company/null/info']);
  const [stalled] = evaluation.alerts;
  assert.equal(stalled.values.get('stalled_count')?.value, 53n);
  assert.deepEqual([...stalled.values].map(([name, value]) => [name, value.value]),
    cli.alerts[0].values.map((m: any) => [m.name, cliValue(m.value)]));
  assert.deepEqual(stalled.opportunityIds, cli.alerts[0].opportunityIds);
});
