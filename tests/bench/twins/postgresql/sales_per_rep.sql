-- sales_per_rep: one row per rep employed during P (left_at null or on/after the start, hired_at null
-- or before the end): won amount and count, closed count, win rate, rank by won amount (ties by rep
-- id), target (sum of the rep's total_sales targets lying inside P) and attainment = won / target.
-- Headline: won total of the listed reps / their number, to the minor unit.
-- One statement: the per-rep table is computed once, then the headline and the rows are unpivoted
-- with the value as text.
WITH reps AS (
  SELECT id, name, team_id FROM sales_reps
  WHERE (left_at IS NULL OR left_at >= TIMESTAMP '{{start}}')
    AND (hired_at IS NULL OR hired_at < TIMESTAMP '{{end}}')
),
deals AS (
  SELECT owner_rep_id,
         SUM(amount_minor) FILTER (WHERE status = 'won')::bigint AS won_amount,
         COUNT(*) FILTER (WHERE status = 'won') AS won_count,
         COUNT(*) AS closed_count
  FROM opportunities
  WHERE status IN ('won', 'lost') AND closed_at >= '{{start}}' AND closed_at < '{{end}}'
  GROUP BY owner_rep_id
),
rep_targets AS (
  SELECT scope_id AS rep_id, ROUND(SUM(target_value))::bigint AS target
  FROM targets
  WHERE metric = 'total_sales' AND scope = 'rep'
    AND period_start >= TIMESTAMP '{{start}}' AND period_end <= TIMESTAMP '{{end}}'
  GROUP BY scope_id
),
t AS (
  SELECT r.id, r.name, r.team_id,
         COALESCE(d.won_amount, 0) AS won_amount,
         COALESCE(d.won_count, 0) AS won_count,
         COALESCE(d.closed_count, 0) AS closed_count,
         rt.target,
         ROW_NUMBER() OVER (ORDER BY COALESCE(d.won_amount, 0) DESC, r.id) AS rank
  FROM reps r
  LEFT JOIN deals d ON d.owner_rep_id = r.id
  LEFT JOIN rep_targets rt ON rt.rep_id = r.id
),
totals AS (
  SELECT COUNT(*) AS n, COALESCE(SUM(won_amount), 0)::bigint AS won FROM t
)
SELECT v.key, v.value
FROM totals CROSS JOIN LATERAL (VALUES
  ('result.value', CASE WHEN n > 0 THEN (2 * won + n) / (2 * n) END::text),
  ('result.value.fraction', won::text || '/' || n::text),
  ('result.measures[average_won_per_rep].value', CASE WHEN n > 0 THEN (2 * won + n) / (2 * n) END::text),
  ('result.measures[average_won_per_rep].value.fraction', won::text || '/' || n::text),
  ('result.measures[rep_count].value', n::text),
  ('result.measures[won_amount].value', won::text)) AS v(key, value)
UNION ALL
SELECT 'result.table[' || (t.rank - 1) || '].' || v.key, v.value
FROM t CROSS JOIN LATERAL (VALUES
  ('rep_id', id::text, true),
  ('rep_name', name::text, true),
  ('team_id', team_id::text, true),
  ('won_amount', won_amount::text, true),
  ('won_count', won_count::text, true),
  ('closed_count', closed_count::text, true),
  ('win_rate', CASE WHEN closed_count > 0 THEN CAST(won_count AS double precision) / closed_count END::text, true),
  ('win_rate.fraction', won_count::text || '/' || closed_count::text, true),
  ('rank', rank::text, true),
  ('target', target::text, true),
  ('attainment', CASE WHEN target > 0 THEN CAST(won_amount AS double precision) / target END::text, true),
  ('attainment.fraction', won_amount::text || '/' || target::text, target IS NOT NULL)) AS v(key, value, present)
WHERE v.present;
