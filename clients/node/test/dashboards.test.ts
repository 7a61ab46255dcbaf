import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Where } from '../src';
import { cliJson, cliMoney, cliValue, connect, Q1 } from './support';

const client = connect();
after(() => client.close());

const cliPeriod = ['--from', Q1.start, '--to', Q1.end, '--as-of', '2026-10-01'];

test('the briefing has the eleven metrics, now and before, as the CLI prints them', async () => {
  const cli = cliJson('dashboard', 'briefing', ...cliPeriod);
  const briefing = await client.briefing(Q1);

  assert.equal(briefing.lines.length, 11);
  assert.deepEqual(briefing.previousPeriod.start, new Date('2025-10-01T00:00:00Z'));
  briefing.lines.forEach((line, i) => {
    assert.equal(line.metric, cli.lines[i].metric);
    assert.deepEqual(line.current.value, cliValue(cli.lines[i].current), `${line.metric} current`);
    assert.deepEqual(line.previous.value, cliValue(cli.lines[i].previous), `${line.metric} previous`);
  });
  const sales = await client.compute({ metric: 'total_sales', ...Q1 });
  assert.deepEqual(briefing.lines.find((line) => line.metric === 'total_sales')?.current, sales.result.value);
});

for (const where of [{}, { region: 'east' }] as Where[]) {
  test(`the funnel ${JSON.stringify(where)} is the CLI's, stage by stage`, async () => {
    const filters = Object.entries(where).map(([dimension, value]) => ['--where', `${dimension}=${value}`]).flat();
    const cli = cliJson('dashboard', 'funnel', ...cliPeriod, ...filters);
    const funnel = await client.funnel({ ...Q1, where });

    assert.ok(funnel.stages.length > 0);
    assert.deepEqual(
      funnel.stages.map((s) => [s.stageId, s.openCount, s.openAmount, s.reachedCount, s.lostCount, s.lostAmount]),
      cli.stages.map((s: any) => [s.stageId, BigInt(s.openCount ?? 0), cliMoney(s.openAmount),
        BigInt(s.reachedCount ?? 0), BigInt(s.lostCount ?? 0), cliMoney(s.lostAmount)]));
    assert.equal(funnel.cohortCount, BigInt(cli.cohortCount));
    assert.equal(funnel.wonCount, BigInt(cli.wonCount));
  });
}
