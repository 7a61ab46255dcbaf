-- stalled_opportunities: the opportunities open at as_of (status open, created_at <= as_of) whose age
-- at as_of exceeds the mean sales cycle (closed_at - created_at) of the deals won in
-- [as_of - 365 days, as_of), compared exactly (in whole seconds: age x n > sum of the cycles);
-- oldest first, then id; all of them.
WITH cycle AS (
  SELECT COUNT(*) AS n, SUM(unixepoch(o.closed_at) - unixepoch(o.created_at)) AS total_seconds
  FROM opportunities o
  WHERE o.closed_at >= datetime('{{as_of}}', '-365 days') AND o.closed_at < '{{as_of}}' AND o.status = 'won'
),
stalled AS (
  SELECT o.id, o.name, o.account_id, o.owner_rep_id, o.stage_id, o.amount_minor, o.created_at,
         o.expected_close_date, o.is_key,
         ROW_NUMBER() OVER (ORDER BY o.created_at, o.id) - 1 AS i
  FROM opportunities o, cycle c
  WHERE o.status = 'open' AND o.created_at <= '{{as_of}}'
    AND (unixepoch('{{as_of}}') - unixepoch(o.created_at)) * c.n > c.total_seconds
),
rows AS (
  SELECT t.i, t.id, t.name, t.account_id, a.name AS account_name, t.owner_rep_id, r.name AS owner_name,
         t.stage_id, s.name AS stage_name, t.amount_minor,
         (t.amount_minor * s.win_probability + 50) / 100 AS weighted_amount,
         (unixepoch('{{as_of}}') - unixepoch(t.created_at)) / 86400.0 AS age_days,
         t.expected_close_date, t.is_key
  FROM stalled t
  LEFT JOIN accounts a ON a.id = t.account_id
  LEFT JOIN sales_reps r ON r.id = t.owner_rep_id
  LEFT JOIN pipeline_stages s ON s.id = t.stage_id
),
totals AS (
  SELECT COUNT(*) AS stalled_count, COALESCE(SUM(amount_minor), 0) AS stalled_amount FROM stalled
)
SELECT 'result.value', stalled_count FROM totals
UNION ALL SELECT 'result.measures[stalled_count].value', stalled_count FROM totals
UNION ALL SELECT 'result.measures[stalled_amount].value', stalled_amount FROM totals
UNION ALL SELECT 'result.measures[mean_cycle_days].value',
                 CASE WHEN n > 0 THEN total_seconds / 86400.0 / n END FROM cycle
UNION ALL SELECT 'result.table[' || i || '].opportunity_id', id FROM rows
UNION ALL SELECT 'result.table[' || i || '].name', name FROM rows
UNION ALL SELECT 'result.table[' || i || '].account_id', account_id FROM rows
UNION ALL SELECT 'result.table[' || i || '].account_name', account_name FROM rows
UNION ALL SELECT 'result.table[' || i || '].owner_rep_id', owner_rep_id FROM rows
UNION ALL SELECT 'result.table[' || i || '].owner_name', owner_name FROM rows
UNION ALL SELECT 'result.table[' || i || '].stage_id', stage_id FROM rows
UNION ALL SELECT 'result.table[' || i || '].stage_name', stage_name FROM rows
UNION ALL SELECT 'result.table[' || i || '].amount', amount_minor FROM rows
UNION ALL SELECT 'result.table[' || i || '].weighted_amount', weighted_amount FROM rows
UNION ALL SELECT 'result.table[' || i || '].age_days', age_days FROM rows
UNION ALL SELECT 'result.table[' || i || '].expected_close_date', expected_close_date FROM rows
UNION ALL SELECT 'result.table[' || i || '].is_key', is_key FROM rows;
