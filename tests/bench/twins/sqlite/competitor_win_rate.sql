-- competitor_win_rate: per competitor listed on the opportunities won or lost with closed_at in the
-- period: closed and won counts and amounts, win rate, amount-weighted win rate; competitors in
-- code-point order. Headline: the closed deals that list any competitor.
WITH closed AS (
  SELECT o.id, o.status, o.amount_minor
  FROM opportunities o
  WHERE o.closed_at >= '{{start}}' AND o.closed_at < '{{end}}' AND o.status IN ('won', 'lost')
),
per_competitor AS (
  SELECT oc.competitor,
         COUNT(*) AS closed_count,
         SUM(c.status = 'won') AS won_count,
         SUM(CASE WHEN c.status = 'won' THEN c.amount_minor ELSE 0 END) AS won_amount,
         SUM(c.amount_minor) AS closed_amount
  FROM closed c
  JOIN opportunity_competitors oc ON oc.opportunity_id = c.id
  GROUP BY oc.competitor
),
rows AS (
  SELECT p.*, ROW_NUMBER() OVER (ORDER BY p.competitor) - 1 AS i FROM per_competitor p
),
totals AS (
  SELECT (SELECT COUNT(*) FROM closed c
          WHERE EXISTS (SELECT 1 FROM opportunity_competitors oc WHERE oc.opportunity_id = c.id)) AS closed_count,
         (SELECT COUNT(*) FROM per_competitor) AS competitor_count
)
SELECT 'result.value', closed_count FROM totals
UNION ALL SELECT 'result.measures[closed_count].value', closed_count FROM totals
UNION ALL SELECT 'result.measures[competitor_count].value', competitor_count FROM totals
UNION ALL SELECT 'result.table[' || i || '].competitor', competitor FROM rows
UNION ALL SELECT 'result.table[' || i || '].closed_count', closed_count FROM rows
UNION ALL SELECT 'result.table[' || i || '].won_count', won_count FROM rows
UNION ALL SELECT 'result.table[' || i || '].won_amount', won_amount FROM rows
UNION ALL SELECT 'result.table[' || i || '].closed_amount', closed_amount FROM rows
UNION ALL SELECT 'result.table[' || i || '].win_rate', 1.0 * won_count / closed_count FROM rows
UNION ALL SELECT 'result.table[' || i || '].win_rate.fraction', won_count || '/' || closed_count FROM rows
UNION ALL SELECT 'result.table[' || i || '].amount_weighted_win_rate',
                 CASE WHEN closed_amount > 0 THEN 1.0 * won_amount / closed_amount END FROM rows
UNION ALL SELECT 'result.table[' || i || '].amount_weighted_win_rate.fraction',
                 won_amount || '/' || closed_amount FROM rows;
