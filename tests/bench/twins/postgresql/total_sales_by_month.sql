-- total_sales by month: per month of the period (every month listed, an empty
-- one with zeros) and over the whole period, the amounts of the deals won with
-- closed_at in it, closed (won or lost) count, won count, win rate and average
-- deal size (total / won count, to the nearest minor unit, halves up).
-- One statement: the aggregates once, unpivoted with every value as text
-- (a PostgreSQL result column has one type; double precision as text is exact).
WITH
months AS (
  SELECT m
  FROM generate_series(date_trunc('month', timestamp '{{start}}'), timestamp '{{end}}', interval '1 month') AS m
  WHERE m < timestamp '{{end}}'
),
by_month AS (
  SELECT date_trunc('month', closed_at) AS month,
         COUNT(*) AS closed_count,
         COUNT(*) FILTER (WHERE status = 'won') AS won_count,
         COALESCE(SUM(amount_minor) FILTER (WHERE status = 'won'), 0)::bigint AS won_amount
  FROM opportunities
  WHERE closed_at >= '{{start}}' AND closed_at < '{{end}}' AND status IN ('won', 'lost')
  GROUP BY date_trunc('month', closed_at)
),
t AS (
  SELECT 'series[' || to_char(m, 'YYYY-MM') || '].' AS prefix,
         COALESCE(b.closed_count, 0) AS closed_count,
         COALESCE(b.won_count, 0) AS won_count,
         COALESCE(b.won_amount, 0) AS won_amount
  FROM months LEFT JOIN by_month b ON b.month = m
  UNION ALL
  SELECT '', COALESCE(SUM(closed_count), 0)::bigint, COALESCE(SUM(won_count), 0)::bigint,
         COALESCE(SUM(won_amount), 0)::bigint
  FROM by_month
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
