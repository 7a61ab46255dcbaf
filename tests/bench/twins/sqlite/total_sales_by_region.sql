-- total_sales by region: per region of the opportunity (a missing region in
-- the group "(none)") and over all, the amounts of the deals won with
-- closed_at in the period, closed (won or lost) count, won count, win rate and
-- average deal size (total / won count, to the nearest minor unit, halves up).
WITH
by_region AS (
  SELECT region,
         COUNT(*) AS closed_count,
         SUM(status = 'won') AS won_count,
         SUM(CASE WHEN status = 'won' THEN amount_minor ELSE 0 END) AS won_amount
  FROM opportunities
  WHERE closed_at >= '{{start}}' AND closed_at < '{{end}}' AND status IN ('won', 'lost')
  GROUP BY region
),
t AS (
  SELECT 'groups[' || COALESCE(region, '(none)') || '].' AS prefix, closed_count, won_count, won_amount
  FROM by_region
  UNION ALL
  SELECT '', COALESCE(SUM(closed_count), 0), COALESCE(SUM(won_count), 0), COALESCE(SUM(won_amount), 0)
  FROM by_region
)
SELECT prefix || 'result.value', won_amount FROM t
UNION ALL SELECT prefix || 'result.measures[total_sales].value', won_amount FROM t
UNION ALL SELECT prefix || 'result.measures[closed_count].value', closed_count FROM t
UNION ALL SELECT prefix || 'result.measures[won_count].value', won_count FROM t
UNION ALL SELECT prefix || 'result.measures[win_rate].value', CAST(won_count AS REAL) / NULLIF(closed_count, 0) FROM t
UNION ALL SELECT prefix || 'result.measures[win_rate].value.fraction', won_count || '/' || closed_count FROM t
UNION ALL SELECT prefix || 'result.measures[average_deal_size].value', (2 * won_amount + won_count) / NULLIF(2 * won_count, 0) FROM t
UNION ALL SELECT prefix || 'result.measures[average_deal_size].value.fraction', won_amount || '/' || won_count FROM t;
