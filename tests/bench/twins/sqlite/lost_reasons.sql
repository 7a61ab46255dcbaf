-- lost_reasons: lost opportunities with closed_at in P per lost_reason (null as 'unspecified'):
-- count, amount, share of the lost count; rows by count descending, then reason.
WITH per_reason AS (
  SELECT COALESCE(lost_reason, 'unspecified') AS reason,
         COUNT(*) AS lost_count, SUM(amount_minor) AS lost_amount
  FROM opportunities
  WHERE status = 'lost' AND closed_at >= '{{start}}' AND closed_at < '{{end}}'
  GROUP BY COALESCE(lost_reason, 'unspecified')
),
t AS (
  SELECT reason, lost_count, lost_amount,
         SUM(lost_count) OVER () AS total_count,
         ROW_NUMBER() OVER (ORDER BY lost_count DESC, reason) - 1 AS i
  FROM per_reason
),
totals AS (
  SELECT COALESCE(SUM(lost_count), 0) AS lost_count, COALESCE(SUM(lost_amount), 0) AS lost_amount
  FROM per_reason
)
SELECT 'result.value', lost_count FROM totals
UNION ALL SELECT 'result.measures[lost_count].value', lost_count FROM totals
UNION ALL SELECT 'result.measures[lost_amount].value', lost_amount FROM totals
UNION ALL SELECT 'result.table[' || i || '].reason', reason FROM t
UNION ALL SELECT 'result.table[' || i || '].lost_count', lost_count FROM t
UNION ALL SELECT 'result.table[' || i || '].lost_amount', lost_amount FROM t
UNION ALL SELECT 'result.table[' || i || '].share', 1.0 * lost_count / total_count FROM t
UNION ALL SELECT 'result.table[' || i || '].share.fraction', lost_count || '/' || total_count FROM t;
