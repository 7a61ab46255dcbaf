-- stage_conversion: the cohort of opportunities created in the period; an opportunity's furthest
-- stage position is the highest among its stage-history rows and its current stage (every stage once
-- won); reached(s) = members whose furthest position >= position(s); conversion(s) = reached(next) /
-- reached(s), won / reached(last) for the last stage.
WITH furthest AS (
  SELECT c.id, c.status,
         CASE WHEN c.status = 'won' THEN (SELECT MAX(position) FROM pipeline_stages)
              ELSE MAX(cur.position, COALESCE(MAX(hs.position), 0)) END AS position
  FROM opportunities c
  JOIN pipeline_stages cur ON cur.id = c.stage_id
  LEFT JOIN opportunity_stage_history h ON h.opportunity_id = c.id
  LEFT JOIN pipeline_stages hs ON hs.id = h.stage_id
  WHERE c.created_at >= '{{start}}' AND c.created_at < '{{end}}'
  GROUP BY c.id, c.status, cur.position
),
per_position AS (
  SELECT position, COUNT(*) AS n, SUM(status = 'won') AS won FROM furthest GROUP BY position
),
totals AS (
  SELECT COALESCE(SUM(n), 0) AS cohort_count, COALESCE(SUM(won), 0) AS won_count FROM per_position
),
reached AS (
  SELECT s.id, s.name, s.position, COALESCE(SUM(p.n), 0) AS reached
  FROM pipeline_stages s
  LEFT JOIN per_position p ON p.position >= s.position
  GROUP BY s.id, s.name, s.position
),
rows AS (
  SELECT r.id, r.name, r.position, r.reached,
         ROW_NUMBER() OVER (ORDER BY r.position) - 1 AS i,
         COALESCE(LEAD(r.id) OVER (ORDER BY r.position), 'won') AS next_stage,
         COALESCE(LEAD(r.reached) OVER (ORDER BY r.position), (SELECT won_count FROM totals)) AS converted
  FROM reached r
)
SELECT 'result.value', cohort_count FROM totals
UNION ALL SELECT 'result.measures[cohort_count].value', cohort_count FROM totals
UNION ALL SELECT 'result.measures[won_count].value', won_count FROM totals
UNION ALL SELECT 'result.table[' || i || '].stage_id', id FROM rows
UNION ALL SELECT 'result.table[' || i || '].stage_name', name FROM rows
UNION ALL SELECT 'result.table[' || i || '].position', position FROM rows
UNION ALL SELECT 'result.table[' || i || '].reached_count', reached FROM rows
UNION ALL SELECT 'result.table[' || i || '].next_stage', next_stage FROM rows
UNION ALL SELECT 'result.table[' || i || '].conversion_rate',
                 CASE WHEN reached > 0 THEN 1.0 * converted / reached END FROM rows
UNION ALL SELECT 'result.table[' || i || '].conversion_rate.fraction', converted || '/' || reached FROM rows;
