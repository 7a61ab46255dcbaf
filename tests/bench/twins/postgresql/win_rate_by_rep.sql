-- win_rate (variant closed) by rep: per owner rep and over all, of the deals
-- won or lost with closed_at in the period, won / closed, and the
-- amount-weighted rate won amount / closed amount (absent when that is 0).
-- One statement: the aggregates once, unpivoted with every value as text
-- (a PostgreSQL result column has one type; double precision as text is exact).
WITH
by_rep AS (
  SELECT owner_rep_id,
         COUNT(*) AS closed_count,
         COUNT(*) FILTER (WHERE status = 'won') AS won_count,
         SUM(amount_minor)::bigint AS closed_amount,
         COALESCE(SUM(amount_minor) FILTER (WHERE status = 'won'), 0)::bigint AS won_amount
  FROM opportunities
  WHERE closed_at >= '{{start}}' AND closed_at < '{{end}}' AND status IN ('won', 'lost')
  GROUP BY owner_rep_id
),
t AS (
  SELECT 'groups[' || owner_rep_id || '].' AS prefix, closed_count, won_count, closed_amount, won_amount
  FROM by_rep
  UNION ALL
  SELECT '', COALESCE(SUM(closed_count), 0)::bigint, COALESCE(SUM(won_count), 0)::bigint,
         COALESCE(SUM(closed_amount), 0)::bigint, COALESCE(SUM(won_amount), 0)::bigint
  FROM by_rep
)
SELECT t.prefix || v.key, v.value
FROM t
CROSS JOIN LATERAL (VALUES
  ('result.value', (won_count::double precision / NULLIF(closed_count, 0))::text),
  ('result.value.fraction', won_count::text || '/' || closed_count::text),
  ('result.measures[win_rate].value', (won_count::double precision / NULLIF(closed_count, 0))::text),
  ('result.measures[win_rate].value.fraction', won_count::text || '/' || closed_count::text),
  ('result.measures[amount_weighted_win_rate].value', (won_amount::double precision / NULLIF(closed_amount, 0))::text),
  ('result.measures[amount_weighted_win_rate].value.fraction', won_amount::text || '/' || closed_amount::text),
  ('result.measures[won_count].value', won_count::text),
  ('result.measures[closed_count].value', closed_count::text),
  ('result.measures[won_amount].value', won_amount::text),
  ('result.measures[closed_amount].value', closed_amount::text)
) AS v(key, value);
