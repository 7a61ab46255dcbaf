-- total_sales: the amounts of the deals won with closed_at in the period,
-- with closed (won or lost) count, won count, win rate and average deal size
-- (total / won count, to the nearest minor unit, halves up: amounts are >= 0).
WITH t AS (
  SELECT COUNT(*) AS closed_count,
         COALESCE(SUM(status = 'won'), 0) AS won_count,
         COALESCE(SUM(CASE WHEN status = 'won' THEN amount_minor ELSE 0 END), 0) AS won_amount
  FROM opportunities
  WHERE closed_at >= '{{start}}' AND closed_at < '{{end}}' AND status IN ('won', 'lost')
)
SELECT 'result.value', won_amount FROM t
UNION ALL SELECT 'result.measures[total_sales].value', won_amount FROM t
UNION ALL SELECT 'result.measures[closed_count].value', closed_count FROM t
UNION ALL SELECT 'result.measures[won_count].value', won_count FROM t
UNION ALL SELECT 'result.measures[win_rate].value', CAST(won_count AS REAL) / NULLIF(closed_count, 0) FROM t
UNION ALL SELECT 'result.measures[win_rate].value.fraction', won_count || '/' || closed_count FROM t
UNION ALL SELECT 'result.measures[average_deal_size].value', (2 * won_amount + won_count) / NULLIF(2 * won_count, 0) FROM t
UNION ALL SELECT 'result.measures[average_deal_size].value.fraction', won_amount || '/' || won_count FROM t;
