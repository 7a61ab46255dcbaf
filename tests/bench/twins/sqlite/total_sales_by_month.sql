-- total_sales by month: per month of the period (every month listed, an empty
-- one with zeros) and over the whole period, the amounts of the deals won with
-- closed_at in it, closed (won or lost) count, won count, win rate and average
-- deal size (total / won count, to the nearest minor unit, halves up).
WITH RECURSIVE
months(m) AS (
  SELECT datetime('{{start}}', 'start of month')
  UNION ALL
  SELECT datetime(m, '+1 month') FROM months WHERE datetime(m, '+1 month') < '{{end}}'
),
by_month AS (
  SELECT substr(closed_at, 1, 7) AS month,
         COUNT(*) AS closed_count,
         SUM(status = 'won') AS won_count,
         SUM(CASE WHEN status = 'won' THEN amount_minor ELSE 0 END) AS won_amount
  FROM opportunities
  WHERE closed_at >= '{{start}}' AND closed_at < '{{end}}' AND status IN ('won', 'lost')
  GROUP BY substr(closed_at, 1, 7)
),
t AS (
  SELECT 'series[' || substr(m, 1, 7) || '].' AS prefix,
         COALESCE(b.closed_count, 0) AS closed_count,
         COALESCE(b.won_count, 0) AS won_count,
         COALESCE(b.won_amount, 0) AS won_amount
  FROM months LEFT JOIN by_month b ON b.month = substr(m, 1, 7)
  UNION ALL
  SELECT '', COALESCE(SUM(closed_count), 0), COALESCE(SUM(won_count), 0), COALESCE(SUM(won_amount), 0)
  FROM by_month
)
SELECT prefix || 'result.value', won_amount FROM t
UNION ALL SELECT prefix || 'result.measures[total_sales].value', won_amount FROM t
UNION ALL SELECT prefix || 'result.measures[closed_count].value', closed_count FROM t
UNION ALL SELECT prefix || 'result.measures[won_count].value', won_count FROM t
UNION ALL SELECT prefix || 'result.measures[win_rate].value', CAST(won_count AS REAL) / NULLIF(closed_count, 0) FROM t
UNION ALL SELECT prefix || 'result.measures[win_rate].value.fraction', won_count || '/' || closed_count FROM t
UNION ALL SELECT prefix || 'result.measures[average_deal_size].value', (2 * won_amount + won_count) / NULLIF(2 * won_count, 0) FROM t
UNION ALL SELECT prefix || 'result.measures[average_deal_size].value.fraction', won_amount || '/' || won_count FROM t;
