-- sales_cycle_days: over won opportunities with closed_at in P, (closed_at - created_at) in days
-- (seconds / 86400): count, mean, and median and p90 by linear interpolation (as percentile_cont:
-- position q * (n - 1) in the ascending order, interpolated between its two neighbours).
WITH cycle AS (
  SELECT (unixepoch(closed_at) - unixepoch(created_at)) / 86400.0 AS days
  FROM opportunities
  WHERE status = 'won' AND closed_at >= '{{start}}' AND closed_at < '{{end}}'
),
ranked AS (
  SELECT days, ROW_NUMBER() OVER (ORDER BY days) - 1 AS i, COUNT(*) OVER () AS n FROM cycle
),
percentiles AS (
  SELECT q.name, SUM(CASE WHEN r.i = q.lo THEN r.days * (1 - q.frac)
                          WHEN r.i = q.lo + 1 THEN r.days * q.frac END) AS days
  FROM (SELECT name, CAST(pos AS INTEGER) AS lo, pos - CAST(pos AS INTEGER) AS frac
        FROM (SELECT 'median' AS name, 0.5 * (COUNT(*) - 1) AS pos FROM cycle
              UNION ALL
              SELECT 'p90', 0.9 * (COUNT(*) - 1) FROM cycle)) AS q
  JOIN ranked r ON r.i IN (q.lo, q.lo + 1)
  GROUP BY q.name
)
SELECT 'result.value', AVG(days) FROM cycle
UNION ALL SELECT 'result.measures[mean_days].value', AVG(days) FROM cycle
UNION ALL SELECT 'result.measures[won_count].value', COUNT(*) FROM cycle
UNION ALL SELECT 'result.measures[median_days].value', (SELECT days FROM percentiles WHERE name = 'median')
UNION ALL SELECT 'result.measures[p90_days].value', (SELECT days FROM percentiles WHERE name = 'p90');
