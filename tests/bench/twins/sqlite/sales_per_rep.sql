-- sales_per_rep: one row per rep employed during P (left_at null or on/after the start, hired_at null
-- or before the end): won amount and count, closed count, win rate, rank by won amount (ties by rep
-- id), target (sum of the rep's total_sales targets lying inside P) and attainment = won / target.
-- Headline: won total of the listed reps / their number, to the minor unit.
WITH reps AS (
  SELECT id, name, team_id FROM sales_reps
  WHERE (left_at IS NULL OR left_at >= date('{{start}}'))
    AND (hired_at IS NULL OR hired_at < date('{{end}}'))
),
deals AS (
  SELECT owner_rep_id,
         SUM(CASE WHEN status = 'won' THEN amount_minor ELSE 0 END) AS won_amount,
         SUM(CASE WHEN status = 'won' THEN 1 ELSE 0 END) AS won_count,
         COUNT(*) AS closed_count
  FROM opportunities
  WHERE status IN ('won', 'lost') AND closed_at >= '{{start}}' AND closed_at < '{{end}}'
  GROUP BY owner_rep_id
),
rep_targets AS (
  SELECT scope_id AS rep_id, CAST(ROUND(SUM(target_value)) AS INTEGER) AS target
  FROM targets
  WHERE metric = 'total_sales' AND scope = 'rep'
    AND period_start >= date('{{start}}') AND period_end <= date('{{end}}')
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
  SELECT COUNT(*) AS n, COALESCE(SUM(won_amount), 0) AS won,
         CASE WHEN COUNT(*) > 0 THEN (2 * COALESCE(SUM(won_amount), 0) + COUNT(*)) / (2 * COUNT(*)) END AS average
  FROM t
)
SELECT 'result.value', average FROM totals
UNION ALL SELECT 'result.value.fraction', won || '/' || n FROM totals
UNION ALL SELECT 'result.measures[average_won_per_rep].value', average FROM totals
UNION ALL SELECT 'result.measures[average_won_per_rep].value.fraction', won || '/' || n FROM totals
UNION ALL SELECT 'result.measures[rep_count].value', n FROM totals
UNION ALL SELECT 'result.measures[won_amount].value', won FROM totals
UNION ALL SELECT 'result.table[' || (rank - 1) || '].rep_id', id FROM t
UNION ALL SELECT 'result.table[' || (rank - 1) || '].rep_name', name FROM t
UNION ALL SELECT 'result.table[' || (rank - 1) || '].team_id', team_id FROM t
UNION ALL SELECT 'result.table[' || (rank - 1) || '].won_amount', won_amount FROM t
UNION ALL SELECT 'result.table[' || (rank - 1) || '].won_count', won_count FROM t
UNION ALL SELECT 'result.table[' || (rank - 1) || '].closed_count', closed_count FROM t
UNION ALL SELECT 'result.table[' || (rank - 1) || '].win_rate',
                 CASE WHEN closed_count > 0 THEN 1.0 * won_count / closed_count END FROM t
UNION ALL SELECT 'result.table[' || (rank - 1) || '].win_rate.fraction', won_count || '/' || closed_count FROM t
UNION ALL SELECT 'result.table[' || (rank - 1) || '].rank', rank FROM t
UNION ALL SELECT 'result.table[' || (rank - 1) || '].target', target FROM t
UNION ALL SELECT 'result.table[' || (rank - 1) || '].attainment',
                 CASE WHEN target > 0 THEN 1.0 * won_amount / target END FROM t
UNION ALL SELECT 'result.table[' || (rank - 1) || '].attainment.fraction', won_amount || '/' || target FROM t
          WHERE target IS NOT NULL;
