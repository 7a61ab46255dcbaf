-- total_sales by region: per region of the opportunity (a missing region in
-- the group "(none)") and over all, the amounts of the deals won with
-- closed_at in the period, closed (won or lost) count, won count, win rate and
-- average deal size (total / won count, to the nearest minor unit, halves up).
-- One statement: the aggregates once, unpivoted with every value as text
-- (a PostgreSQL result column has one type; double precision as text is exact).
WITH
by_region AS (
  SELECT region,
         COUNT(*) AS closed_count,
         COUNT(*) FILTER (WHERE status = 'won') AS won_count,
         COALESCE(SUM(amount_minor) FILTER (WHERE status = 'won'), 0)::bigint AS won_amount
  FROM opportunities
  WHERE closed_at >= '{{start}}' AND closed_at < '{{end}}' AND status IN ('won', 'lost')
  GROUP BY region
),
t AS (
  SELECT 'groups[' || COALESCE(region, '(none)') || '].' AS prefix, closed_count, won_count, won_amount
  FROM by_region
  UNION ALL
  SELECT '', COALESCE(SUM(closed_count), 0)::bigint, COALESCE(SUM(won_count), 0)::bigint,
         COALESCE(SUM(won_amount), 0)::bigint
  FROM by_region
)
SELECT t.prefix || v.key, v.value
FROM t
CROSS JOIN LATERAL (VALUES
  ('result.value', won_amount::text),
  ('result.measures[total_sales].value', won_amount::text),
  ('result.measures[closed_count].value', closed_count::text),
  ('result.measures[won_count].value', won_count::text),
  ('result.measures[win_rate].value', (won_count::double precision / NULLIF(closed_count, 0))::text),
  ('result.measures[win_rate].value.fraction', won_count::text || '/' || closed_count::text),
  ('result.measures[average_deal_size].value', ((2 * won_amount + won_count) / NULLIF(2 * won_count, 0))::text),
  ('result.measures[average_deal_size].value.fraction', won_amount::text || '/' || won_count::text)
) AS v(key, value);
