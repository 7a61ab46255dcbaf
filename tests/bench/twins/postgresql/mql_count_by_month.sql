-- mql_count by month: leads with mql_at in each month of the period (every
-- month listed, an empty one with 0) and in the whole period.
WITH
months AS (
  SELECT m
  FROM generate_series(date_trunc('month', timestamp '{{start}}'), timestamp '{{end}}', interval '1 month') AS m
  WHERE m < timestamp '{{end}}'
),
by_month AS (
  SELECT date_trunc('month', mql_at) AS month, COUNT(*) AS mql_count
  FROM leads
  WHERE mql_at >= '{{start}}' AND mql_at < '{{end}}'
  GROUP BY date_trunc('month', mql_at)
),
t AS (
  SELECT 'series[' || to_char(m, 'YYYY-MM') || '].' AS prefix, COALESCE(b.mql_count, 0) AS mql_count
  FROM months LEFT JOIN by_month b ON b.month = m
  UNION ALL
  SELECT '', COALESCE(SUM(mql_count), 0)::bigint FROM by_month
)
SELECT prefix || 'result.value', mql_count FROM t
UNION ALL SELECT prefix || 'result.measures[mql_count].value', mql_count FROM t;
