-- stalled_opportunities: the opportunities open at as_of (status open, created_at <= as_of) whose age
-- at as_of exceeds the mean sales cycle (closed_at - created_at) of the deals won in
-- [as_of - 365 days, as_of), compared exactly (age x n > sum of the cycles, in numeric seconds);
-- oldest first, then id; all of them.
-- One statement; the value column is text (a PostgreSQL column has one type), doubles cast directly.
WITH cycle AS (
  SELECT COUNT(*) AS n, SUM(EXTRACT(EPOCH FROM o.closed_at - o.created_at)) AS total_seconds
  FROM opportunities o
  WHERE o.closed_at >= TIMESTAMP '{{as_of}}' - INTERVAL '365 days' AND o.closed_at < '{{as_of}}'
    AND o.status = 'won'
),
stalled AS (
  SELECT o.id, o.name, o.account_id, o.owner_rep_id, o.stage_id, o.amount_minor, o.created_at,
         o.expected_close_date, o.is_key
  FROM opportunities o, cycle c
  WHERE o.status = 'open' AND o.created_at <= '{{as_of}}'
    AND EXTRACT(EPOCH FROM TIMESTAMP '{{as_of}}' - o.created_at) * c.n > c.total_seconds
),
rows AS (
  SELECT (ROW_NUMBER() OVER (ORDER BY t.created_at, t.id COLLATE "C") - 1)::text AS i,
         t.id, t.name, t.account_id, a.name AS account_name, t.owner_rep_id, r.name AS owner_name,
         t.stage_id, s.name AS stage_name, t.amount_minor,
         (t.amount_minor * s.win_probability + 50) / 100 AS weighted_amount,
         EXTRACT(EPOCH FROM TIMESTAMP '{{as_of}}' - t.created_at)::double precision / 86400 AS age_days,
         to_char(t.expected_close_date, 'YYYY-MM-DD') AS expected_close_date, t.is_key::int AS is_key
  FROM stalled t
  LEFT JOIN accounts a ON a.id = t.account_id
  LEFT JOIN sales_reps r ON r.id = t.owner_rep_id
  LEFT JOIN pipeline_stages s ON s.id = t.stage_id
),
totals AS (
  SELECT COUNT(*) AS stalled_count, COALESCE(SUM(amount_minor), 0)::bigint AS stalled_amount FROM stalled
)
SELECT v.key, v.value
FROM totals t
CROSS JOIN cycle c
CROSS JOIN LATERAL (VALUES
  ('result.value', t.stalled_count::text),
  ('result.measures[stalled_count].value', t.stalled_count::text),
  ('result.measures[stalled_amount].value', t.stalled_amount::text),
  ('result.measures[mean_cycle_days].value', (c.total_seconds::double precision / 86400 / NULLIF(c.n, 0))::text)
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
