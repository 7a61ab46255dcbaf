-- stage_dwell: stage-history rows with exited_at in the period, dwell = exited_at - entered_at in days;
-- per stage (every stage, in position order): exit count, mean, median (percentile_cont).
-- One statement; the value column is text (a PostgreSQL column has one type), doubles cast directly.
WITH per_stage AS (
  SELECT d.stage_id,
         COUNT(*) AS exit_count,
         AVG(d.days) AS mean_days,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY d.days) AS median_days
  FROM (SELECT h.stage_id, EXTRACT(EPOCH FROM h.exited_at - h.entered_at)::double precision / 86400 AS days
        FROM opportunity_stage_history h
        WHERE h.exited_at >= '{{start}}' AND h.exited_at < '{{end}}') d
  GROUP BY d.stage_id
),
rows AS (
  SELECT (ROW_NUMBER() OVER (ORDER BY s.position) - 1)::text AS i, s.id, s.name, s.position,
         COALESCE(p.exit_count, 0) AS exit_count, p.mean_days, p.median_days
  FROM pipeline_stages s
  LEFT JOIN per_stage p ON p.stage_id = s.id
)
SELECT 'result.table[' || r.i || '].' || v.key, v.value
FROM rows r
CROSS JOIN LATERAL (VALUES
  ('stage_id', r.id),
  ('stage_name', r.name),
  ('position', r.position::text),
  ('exit_count', r.exit_count::text),
  ('mean_days', r.mean_days::text),
  ('median_days', r.median_days::text)
) AS v(key, value);
