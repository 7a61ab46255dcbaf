-- mql_count by month: leads with mql_at in each month of the period (every
-- month listed, an empty one with 0) and in the whole period.
WITH RECURSIVE
months(m) AS (
  SELECT datetime('{{start}}', 'start of month')
  UNION ALL
  SELECT datetime(m, '+1 month') FROM months WHERE datetime(m, '+1 month') < '{{end}}'
),
by_month AS (
  SELECT substr(mql_at, 1, 7) AS month, COUNT(*) AS mql_count
  FROM leads
  WHERE mql_at >= '{{start}}' AND mql_at < '{{end}}'
  GROUP BY substr(mql_at, 1, 7)
),
t AS (
  SELECT 'series[' || substr(m, 1, 7) || '].' AS prefix, COALESCE(b.mql_count, 0) AS mql_count
  FROM months LEFT JOIN by_month b ON b.month = substr(m, 1, 7)
  UNION ALL
  SELECT '', COALESCE(SUM(mql_count), 0) FROM by_month
)
SELECT prefix || 'result.value', mql_count FROM t
UNION ALL SELECT prefix || 'result.measures[mql_count].value', mql_count FROM t;
