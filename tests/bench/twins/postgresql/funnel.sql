-- funnel (PostgreSQL): per pipeline stage, the open deals at as_of, the cohort
-- created in the period and how far it got, the mean dwell of the rows that
-- left the stage in the period, and the deals lost at the stage in the period.
--
-- The cohort: opportunities created in the period. An opportunity's furthest
-- position is the highest of its history rows' stages and its current stage; a
-- won one reached every stage. reached(s) = members whose furthest position is
-- at least s's; conversion = reached(next) / reached(s), won / reached(last).
WITH cohort AS (
  SELECT o.id, o.status, s.position
  FROM opportunities o
  JOIN pipeline_stages s ON s.id = o.stage_id
  WHERE o.created_at >= '{{start}}' AND o.created_at < '{{end}}'
),
furthest AS (
  SELECT c.id, c.status,
         CASE WHEN c.status = 'won' THEN (SELECT MAX(position) FROM pipeline_stages)
              ELSE GREATEST(c.position, MAX(hs.position)) END AS position
  FROM cohort c
  LEFT JOIN opportunity_stage_history h ON h.opportunity_id = c.id
  LEFT JOIN pipeline_stages hs ON hs.id = h.stage_id
  GROUP BY c.id, c.status, c.position
),
by_position AS (
  SELECT position, COUNT(*) AS n FROM furthest GROUP BY position
),
totals AS (
  SELECT COUNT(*) AS cohort_count, COUNT(CASE WHEN status = 'won' THEN 1 END) AS won_count FROM furthest
),
reached AS (
  SELECT s.id, s.position, COALESCE(SUM(b.n), 0)::bigint AS reached_count
  FROM pipeline_stages s
  LEFT JOIN by_position b ON b.position >= s.position
  GROUP BY s.id, s.position
),
conversion AS (
  SELECT id, position, reached_count,
         COALESCE(LEAD(reached_count) OVER (ORDER BY position), (SELECT won_count FROM totals)) AS next_count
  FROM reached
)
-- Counts, ratios and fractions in one column: given as text (a double's text is exact).
SELECT 'cohort_count', cohort_count::text FROM totals
UNION ALL
SELECT 'won_count', won_count::text FROM totals
UNION ALL
SELECT 'stages[' || id || '].position', position::text FROM conversion
UNION ALL
SELECT 'stages[' || id || '].reached_count', reached_count::text FROM conversion
UNION ALL
SELECT 'stages[' || id || '].conversion_to_next',
       (CASE WHEN reached_count > 0 THEN next_count::double precision / reached_count END)::text FROM conversion
UNION ALL
SELECT 'stages[' || id || '].conversion_to_next.fraction', next_count || '/' || reached_count FROM conversion;

-- Open deals at as_of, by current stage; deals lost in the period, by the stage
-- they were lost at.
WITH open_deals AS (
  SELECT stage_id, COUNT(*) AS n, SUM(amount_minor)::bigint AS amount
  FROM opportunities
  WHERE status = 'open' AND created_at <= '{{as_of}}'
  GROUP BY stage_id
),
lost_deals AS (
  SELECT stage_id, COUNT(*) AS n, SUM(amount_minor)::bigint AS amount
  FROM opportunities
  WHERE status = 'lost' AND closed_at >= '{{start}}' AND closed_at < '{{end}}'
  GROUP BY stage_id
),
per_stage AS (
  SELECT s.id,
         COALESCE(od.n, 0) AS open_count, COALESCE(od.amount, 0) AS open_amount,
         COALESCE(ld.n, 0) AS lost_count, COALESCE(ld.amount, 0) AS lost_amount
  FROM pipeline_stages s
  LEFT JOIN open_deals od ON od.stage_id = s.id
  LEFT JOIN lost_deals ld ON ld.stage_id = s.id
)
SELECT 'stages[' || id || '].open_count', open_count FROM per_stage
UNION ALL
SELECT 'stages[' || id || '].open_amount', open_amount FROM per_stage
UNION ALL
SELECT 'stages[' || id || '].lost_count', lost_count FROM per_stage
UNION ALL
SELECT 'stages[' || id || '].lost_amount', lost_amount FROM per_stage;

-- Mean dwell (days) of the history rows that left a stage in the period
-- (absent when none left).
SELECT 'stages[' || s.id || '].mean_dwell_days', dw.mean_days
FROM pipeline_stages s
LEFT JOIN (
  SELECT stage_id, (AVG(EXTRACT(EPOCH FROM exited_at - entered_at)) / 86400)::double precision AS mean_days
  FROM opportunity_stage_history
  WHERE exited_at >= '{{start}}' AND exited_at < '{{end}}'
  GROUP BY stage_id
) dw ON dw.stage_id = s.id;
