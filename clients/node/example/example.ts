// Asks a salesmetrics server ($SALESMETRICS_SERVER, default 127.0.0.1:50051)
// for a KPI, a dashboard and the alerts on the demo data's first quarter.
import { Client, SalesmetricsError, type Value } from '../src';

const show = (value: Value) => (value.value === null ? `n/a (${value.absentReason})` : String(value.value));

async function main(): Promise<void> {
  const client = new Client();
  try {
    const asOf = new Date('2026-10-01T00:00:00Z');
    const q1 = { start: '2026-01-01', end: '2026-04-01', asOf };

    console.log(`${(await client.listMetrics()).length} metrics loaded`);

    const sales = await client.compute({ metric: 'total_sales', ...q1, by: 'region' });
    console.log(`\ntotal_sales ${sales.start.toISOString()} .. ${sales.end.toISOString()}: ${show(sales.result.value)}`);
    for (const group of sales.groups) console.log(`  ${group.key ?? '(none)'}: ${show(group.result.value)}`);

    const funnel = await client.funnel(q1);
    console.log('\nfunnel (open now / reached by the cohort):');
    for (const stage of funnel.stages) {
      console.log(`  ${stage.stageName}: ${stage.openCount} open (${stage.openAmount}), ${stage.reachedCount} reached`);
    }

    const { alerts } = await client.evaluateAlerts(asOf);
    console.log(`\n${alerts.length} active alert(s) as of ${asOf.toISOString()}`);
    for (const alert of alerts) console.log(`  ${alert.severity} ${alert.rule}: ${alert.message}`);

    await client.compute({ metric: 'win_rate', start: '2026-04-01', end: '2026-01-01' }).catch((error: unknown) => {
      if (!(error instanceof SalesmetricsError)) throw error;
      console.log(`\na period ending before it starts fails with ${error.codeName}:`);
      for (const violation of error.fieldViolations) console.log(`  ${violation.field}: ${violation.description}`);
    });
  } finally {
    client.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
