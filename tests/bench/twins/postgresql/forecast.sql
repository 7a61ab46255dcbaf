-- forecast (PostgreSQL): won to date, the open pipeline expected to close in the
-- period (weighted by the current stage's win probability), the company
-- target for the period, and what they add up to.
-- A date (expected_close_date, a target's period) stands for its midnight
-- (UTC): PostgreSQL compares a date with a timestamp that way.
WITH won AS (
  -- Won in [start, min(end, as_of)): nothing when as_of is before the period.
  SELECT COALESCE(SUM(amount_minor), 0)::bigint AS won_to_date
  FROM opportunities
  WHERE status = 'won' AND closed_at >= '{{start}}' AND closed_at < LEAST(TIMESTAMP '{{end}}', TIMESTAMP '{{as_of}}')
),
pipeline AS (
  SELECT COALESCE(SUM(o.amount_minor), 0)::bigint AS open_pipeline,
         COALESCE(SUM(o.amount_minor * s.win_probability), 0)::bigint AS weighted_x100
  FROM opportunities o
  JOIN pipeline_stages s ON s.id = o.stage_id
  WHERE o.status = 'open' AND o.created_at <= '{{as_of}}'
    AND o.expected_close_date >= TIMESTAMP '{{start}}'
    AND o.expected_close_date < TIMESTAMP '{{end}}'
),
target AS (
  -- The company total_sales targets whose period lies inside the period.
  SELECT ROUND(SUM(target_value))::bigint AS target
  FROM targets
  WHERE metric = 'total_sales' AND scope = 'company'
    AND period_start >= TIMESTAMP '{{start}}'
    AND period_end <= TIMESTAMP '{{end}}'
),
f AS (
  SELECT won_to_date, open_pipeline,
         -- amount x probability / 100, rounded once on the sum (halves up: it is >= 0)
         (weighted_x100 + 50) / 100 AS weighted_pipeline,
         target
  FROM won, pipeline, target
),
g AS (
  SELECT f.*, won_to_date + weighted_pipeline AS forecast, won_to_date + open_pipeline AS best_case FROM f
)
-- Money, ratios and fractions in one column: given as text (a double's text is exact).
SELECT 'won_to_date', won_to_date::text FROM g
UNION ALL
SELECT 'weighted_pipeline', weighted_pipeline::text FROM g
UNION ALL
SELECT 'open_pipeline', open_pipeline::text FROM g
UNION ALL
SELECT 'forecast', forecast::text FROM g
UNION ALL
SELECT 'best_case', best_case::text FROM g
UNION ALL
SELECT 'target', target::text FROM g
UNION ALL
SELECT 'forecast_attainment', (CASE WHEN target <> 0 THEN forecast::double precision / target END)::text FROM g
UNION ALL
SELECT 'forecast_attainment.fraction', forecast || '/' || target FROM g WHERE target IS NOT NULL
UNION ALL
SELECT 'pipeline_coverage', (CASE WHEN won_to_date < target THEN open_pipeline::double precision / (target - won_to_date) END)::text
FROM g
UNION ALL
SELECT 'pipeline_coverage.fraction', open_pipeline || '/' || (target - won_to_date) FROM g WHERE won_to_date < target;
