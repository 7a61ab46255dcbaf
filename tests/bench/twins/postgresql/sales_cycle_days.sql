-- sales_cycle_days: over won opportunities with closed_at in P, (closed_at - created_at) in days
-- (seconds / 86400): count, mean, median and p90 (percentile_cont).
-- One statement: the figures are computed in one pass, then unpivoted with the value as text.
WITH cycle AS (
  SELECT CAST(EXTRACT(EPOCH FROM closed_at - created_at) AS double precision) / 86400 AS days
  FROM opportunities
  WHERE status = 'won' AND closed_at >= '{{start}}' AND closed_at < '{{end}}'
),
stats AS (
  SELECT COUNT(*) AS won_count,
         AVG(days) AS mean_days,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90_days
  FROM cycle
)
SELECT v.key, v.value
FROM stats CROSS JOIN LATERAL (VALUES
  ('result.value', mean_days::text),
  ('result.measures[mean_days].value', mean_days::text),
  ('result.measures[won_count].value', won_count::text),
  ('result.measures[median_days].value', median_days::text),
  ('result.measures[p90_days].value', p90_days::text)) AS v(key, value);
