-- lost_reasons: lost opportunities with closed_at in P per lost_reason (null as 'unspecified'):
-- count, amount, share of the lost count; rows by count descending, then reason (code point order).
-- One statement: the per-reason table is computed once, then the totals and the rows are unpivoted
-- with the value as text.
WITH per_reason AS (
  SELECT COALESCE(lost_reason, 'unspecified') AS reason,
         COUNT(*) AS lost_count, SUM(amount_minor)::bigint AS lost_amount
  FROM opportunities
  WHERE status = 'lost' AND closed_at >= '{{start}}' AND closed_at < '{{end}}'
  GROUP BY 1
),
t AS (
  SELECT reason, lost_count, lost_amount, SUM(lost_count) OVER () AS total_count,
         ROW_NUMBER() OVER (ORDER BY lost_count DESC, reason COLLATE "C") - 1 AS i
  FROM per_reason
),
totals AS (
  SELECT COALESCE(SUM(lost_count), 0)::bigint AS lost_count,
         COALESCE(SUM(lost_amount), 0)::bigint AS lost_amount
  FROM per_reason
)
SELECT v.key, v.value
FROM totals CROSS JOIN LATERAL (VALUES
  ('result.value', lost_count::text),
  ('result.measures[lost_count].value', lost_count::text),
  ('result.measures[lost_amount].value', lost_amount::text)) AS v(key, value)
UNION ALL
SELECT 'result.table[' || t.i || '].' || v.key, v.value
FROM t CROSS JOIN LATERAL (VALUES
  ('reason', reason),
  ('lost_count', lost_count::text),
  ('lost_amount', lost_amount::text),
  ('share', (CAST(lost_count AS double precision) / total_count)::text),
  ('share.fraction', lost_count::text || '/' || total_count::text)) AS v(key, value);
