-- stage_conversion: the cohort of opportunities created in the period; an opportunity's furthest
-- stage position is the highest among its stage-history rows and its current stage (every stage once
-- won); reached(s) = members whose furthest position >= position(s); conversion(s) = reached(next) /
-- reached(s), won / reached(last) for the last stage.
-- One statement; the value column is text (a PostgreSQL column has one type), doubles cast directly.
WITH furthest AS (
  SELECT c.id, c.status,
         CASE WHEN c.status = 'won' THEN (SELECT MAX(position) FROM pipeline_stages)
              ELSE GREATEST(cur.position, MAX(hs.position)) END AS position
  FROM opportunities c
  JOIN pipeline_stages cur ON cur.id = c.stage_id
  LEFT JOIN opportunity_stage_history h ON h.opportunity_id = c.id
  LEFT JOIN pipeline_stages hs ON hs.id = h.stage_id
  WHERE c.created_at >= '{{start}}' AND c.created_at < '{{end}}'
  GROUP BY c.id, c.status, cur.position
),
per_position AS (
  SELECT position, COUNT(*) AS n, COUNT(*) FILTER (WHERE status = 'won') AS won FROM furthest GROUP BY position
),
totals AS (
  SELECT COALESCE(SUM(n), 0)::bigint AS cohort_count, COALESCE(SUM(won), 0)::bigint AS won_count FROM per_position
),
reached AS (
  SELECT s.id, s.name, s.position, COALESCE(SUM(p.n), 0)::bigint AS reached
  FROM pipeline_stages s
  LEFT JOIN per_position p ON p.position >= s.position
  GROUP BY s.id, s.name, s.position
),
rows AS (
  SELECT r.id, r.name, r.position, r.reached,
         (ROW_NUMBER() OVER (ORDER BY r.position) - 1)::text AS i,
         COALESCE(LEAD(r.id) OVER (ORDER BY r.position), 'won') AS next_stage,
         COALESCE(LEAD(r.reached) OVER (ORDER BY r.position), (SELECT won_count FROM totals)) AS converted
  FROM reached r
)
SELECT v.key, v.value
FROM totals t
CROSS JOIN LATERAL (VALUES
  ('result.value', t.cohort_count::text),
  ('result.measures[cohort_count].value', t.cohort_count::text),
  ('result.measures[won_count].value', t.won_count::text)
) AS v(key, value)
UNION ALL
SELECT 'result.table[' || r.i || '].' || v.key, v.value
FROM rows r
CROSS JOIN LATERAL (VALUES
  ('stage_id', r.id),
  ('stage_name', r.name),
  ('position', r.position::text),
  ('reached_count', r.reached::text),
  ('next_stage', r.next_stage),
  ('conversion_rate', (r.converted::double precision / NULLIF(r.reached, 0))::text),
  ('conversion_rate.fraction', r.converted::text || '/' || r.reached::text)
) AS v(key, value);
