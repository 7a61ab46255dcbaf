-- top_opportunities: the opportunities open at as_of (status open, created_at <= as_of), by amount
-- descending then id, the first 10; weighted amount = amount x win probability / 100 rounded per row
-- (halves away from zero); age in days at as_of. Measures over all the open deals.
WITH open_deals AS (
  SELECT o.id, o.name, o.account_id, o.owner_rep_id, o.stage_id, o.amount_minor, o.created_at,
         o.expected_close_date, o.is_key
  FROM opportunities o
  WHERE o.status = 'open' AND o.created_at <= '{{as_of}}'
),
top AS (
  SELECT d.*, ROW_NUMBER() OVER (ORDER BY d.amount_minor DESC, d.id) - 1 AS i
  FROM open_deals d
  ORDER BY d.amount_minor DESC, d.id
  LIMIT 10
),
rows AS (
  SELECT t.i, t.id, t.name, t.account_id, a.name AS account_name, t.owner_rep_id, r.name AS owner_name,
         t.stage_id, s.name AS stage_name, t.amount_minor,
         (t.amount_minor * s.win_probability + 50) / 100 AS weighted_amount,
         (unixepoch('{{as_of}}') - unixepoch(t.created_at)) / 86400.0 AS age_days,
         t.expected_close_date, t.is_key
  FROM top t
  LEFT JOIN accounts a ON a.id = t.account_id
  LEFT JOIN sales_reps r ON r.id = t.owner_rep_id
  LEFT JOIN pipeline_stages s ON s.id = t.stage_id
),
totals AS (
  SELECT COUNT(*) AS open_count, COALESCE(SUM(amount_minor), 0) AS open_amount FROM open_deals
)
SELECT 'result.value', open_count FROM totals
UNION ALL SELECT 'result.measures[open_count].value', open_count FROM totals
UNION ALL SELECT 'result.measures[open_amount].value', open_amount FROM totals
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
