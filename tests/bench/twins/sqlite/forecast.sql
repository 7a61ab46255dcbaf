-- forecast (SQLite): won to date, the open pipeline expected to close in the
-- period (weighted by the current stage's win probability), the company
-- target for the period, and what they add up to.
-- A date (expected_close_date, a target's period) stands for its midnight
-- (UTC): date(t, '+86399 seconds') is the first date whose midnight is >= t.
WITH won AS (
  -- Won in [start, min(end, as_of)): nothing when as_of is before the period.
  SELECT COALESCE(SUM(amount_minor), 0) AS won_to_date
  FROM opportunities
  WHERE status = 'won' AND closed_at >= '{{start}}' AND closed_at < MIN('{{end}}', '{{as_of}}')
),
pipeline AS (
  SELECT COALESCE(SUM(o.amount_minor), 0) AS open_pipeline,
         COALESCE(SUM(o.amount_minor * s.win_probability), 0) AS weighted_x100
  FROM opportunities o
  JOIN pipeline_stages s ON s.id = o.stage_id
  WHERE o.status = 'open' AND o.created_at <= '{{as_of}}'
    AND o.expected_close_date >= date('{{start}}', '+86399 seconds')
    AND o.expected_close_date < date('{{end}}', '+86399 seconds')
),
target AS (
  -- The company total_sales targets whose period lies inside the period.
  SELECT CAST(ROUND(SUM(target_value)) AS INTEGER) AS target
  FROM targets
  WHERE metric = 'total_sales' AND scope = 'company'
    AND period_start >= date('{{start}}', '+86399 seconds')
    AND period_end <= date('{{end}}')
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
SELECT 'won_to_date', won_to_date FROM g
UNION ALL
SELECT 'weighted_pipeline', weighted_pipeline FROM g
UNION ALL
SELECT 'open_pipeline', open_pipeline FROM g
UNION ALL
SELECT 'forecast', forecast FROM g
UNION ALL
SELECT 'best_case', best_case FROM g
UNION ALL
SELECT 'target', target FROM g
UNION ALL
SELECT 'forecast_attainment', CASE WHEN target <> 0 THEN 1.0 * forecast / target END FROM g
UNION ALL
SELECT 'forecast_attainment.fraction', forecast || '/' || target FROM g WHERE target IS NOT NULL
UNION ALL
SELECT 'pipeline_coverage', CASE WHEN won_to_date < target THEN 1.0 * open_pipeline / (target - won_to_date) END FROM g
UNION ALL
SELECT 'pipeline_coverage.fraction', open_pipeline || '/' || (target - won_to_date) FROM g WHERE won_to_date < target;
