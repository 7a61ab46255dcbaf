-- stage_dwell: stage-history rows with exited_at in the period, dwell = exited_at - entered_at in days;
-- per stage (every stage, in position order): exit count, mean, median (linear interpolation).
WITH dwell AS (
  SELECT h.stage_id,
         (unixepoch(h.exited_at) - unixepoch(h.entered_at)) / 86400.0 AS days,
         ROW_NUMBER() OVER (PARTITION BY h.stage_id
                            ORDER BY unixepoch(h.exited_at) - unixepoch(h.entered_at)) AS k,
         COUNT(*) OVER (PARTITION BY h.stage_id) AS n
  FROM opportunity_stage_history h
  WHERE h.exited_at >= '{{start}}' AND h.exited_at < '{{end}}'
),
per_stage AS (
  SELECT stage_id,
         COUNT(*) AS exit_count,
         AVG(days) AS mean_days,
         AVG(CASE WHEN k IN ((n + 1) / 2, (n + 2) / 2) THEN days END) AS median_days
  FROM dwell
  GROUP BY stage_id
),
rows AS (
  SELECT s.id, s.name, s.position, ROW_NUMBER() OVER (ORDER BY s.position) - 1 AS i,
         COALESCE(p.exit_count, 0) AS exit_count, p.mean_days, p.median_days
  FROM pipeline_stages s
  LEFT JOIN per_stage p ON p.stage_id = s.id
)
SELECT 'result.table[' || i || '].stage_id', id FROM rows
UNION ALL SELECT 'result.table[' || i || '].stage_name', name FROM rows
UNION ALL SELECT 'result.table[' || i || '].position', position FROM rows
UNION ALL SELECT 'result.table[' || i || '].exit_count', exit_count FROM rows
UNION ALL SELECT 'result.table[' || i || '].mean_days', mean_days FROM rows
UNION ALL SELECT 'result.table[' || i || '].median_days', median_days FROM rows;
