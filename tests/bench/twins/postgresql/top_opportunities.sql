-- top_opportunities: the opportunities open at as_of (status open, created_at <= as_of), by amount
-- descending then id, the first 10; weighted amount = amount x win probability / 100 rounded per row
-- (halves away from zero); age in days at as_of. Measures over all the open deals.
-- One statement; the value column is text (a PostgreSQL column has one type), doubles cast directly.
WITH open_deals AS (
  SELECT o.id, o.name, o.account_id, o.owner_rep_id, o.stage_id, o.amount_minor, o.created_at,
         o.expected_close_date, o.is_key
  FROM opportunities o
  WHERE o.status = 'open' AND o.created_at <= '{{as_of}}'
),
rows AS (
  SELECT (ROW_NUMBER() OVER (ORDER BY t.amount_minor DESC, t.id COLLATE "C") - 1)::text AS i,
         t.id, t.name, t.account_id, a.name AS account_name, t.owner_rep_id, r.name AS owner_name,
         t.stage_id, s.name AS stage_name, t.amount_minor,
         (t.amount_minor * s.win_probability + 50) / 100 AS weighted_amount,
         EXTRACT(EPOCH FROM TIMESTAMP '{{as_of}}' - t.created_at)::double precision / 86400 AS age_days,
         to_char(t.expected_close_date, 'YYYY-MM-DD') AS expected_close_date, t.is_key::int AS is_key
  FROM (SELECT * FROM open_deals ORDER BY amount_minor DESC, id COLLATE "C" LIMIT 10) t
  LEFT JOIN accounts a ON a.id = t.account_id
  LEFT JOIN sales_reps r ON r.id = t.owner_rep_id
  LEFT JOIN pipeline_stages s ON s.id = t.stage_id
),
totals AS (
  SELECT COUNT(*) AS open_count, COALESCE(SUM(amount_minor), 0)::bigint AS open_amount FROM open_deals
)
SELECT v.key, v.value
FROM totals t
CROSS JOIN LATERAL (VALUES
  ('result.value', t.open_count::text),
  ('result.measures[open_count].value', t.open_count::text),
  ('result.measures[open_amount].value', t.open_amount::text)
) AS v(key, value)
UNION ALL
SELECT 'result.table[' || r.i || '].' || v.key, v.value
FROM rows r
CROSS JOIN LATERAL (VALUES
  ('opportunity_id', r.id),
  ('name', r.name),
  ('account_id', r.account_id),
  ('account_name', r.account_name),
  ('owner_rep_id', r.owner_rep_id),
  ('owner_name', r.owner_name),
  ('stage_id', r.stage_id),
  ('stage_name', r.stage_name),
  ('amount', r.amount_minor::text),
  ('weighted_amount', r.weighted_amount::text),
  ('age_days', r.age_days::text),
  ('expected_close_date', r.expected_close_date),
  ('is_key', r.is_key::text)
) AS v(key, value);
