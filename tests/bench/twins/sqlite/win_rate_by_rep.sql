-- win_rate (variant closed) by rep: per owner rep and over all, of the deals
-- won or lost with closed_at in the period, won / closed, and the
-- amount-weighted rate won amount / closed amount (absent when that is 0).
WITH
by_rep AS (
  SELECT owner_rep_id,
         COUNT(*) AS closed_count,
         SUM(status = 'won') AS won_count,
         SUM(amount_minor) AS closed_amount,
         SUM(CASE WHEN status = 'won' THEN amount_minor ELSE 0 END) AS won_amount
  FROM opportunities
  WHERE closed_at >= '{{start}}' AND closed_at < '{{end}}' AND status IN ('won', 'lost')
  GROUP BY owner_rep_id
),
t AS (
  SELECT 'groups[' || owner_rep_id || '].' AS prefix, closed_count, won_count, closed_amount, won_amount
  FROM by_rep
  UNION ALL
  SELECT '', COALESCE(SUM(closed_count), 0), COALESCE(SUM(won_count), 0),
         COALESCE(SUM(closed_amount), 0), COALESCE(SUM(won_amount), 0)
  FROM by_rep
)
SELECT prefix || 'result.value', CAST(won_count AS REAL) / NULLIF(closed_count, 0) FROM t
UNION ALL SELECT prefix || 'result.value.fraction', won_count || '/' || closed_count FROM t
UNION ALL SELECT prefix || 'result.measures[win_rate].value', CAST(won_count AS REAL) / NULLIF(closed_count, 0) FROM t
UNION ALL SELECT prefix || 'result.measures[win_rate].value.fraction', won_count || '/' || closed_count FROM t
UNION ALL SELECT prefix || 'result.measures[amount_weighted_win_rate].value', CAST(won_amount AS REAL) / NULLIF(closed_amount, 0) FROM t
UNION ALL SELECT prefix || 'result.measures[amount_weighted_win_rate].value.fraction', won_amount || '/' || closed_amount FROM t
UNION ALL SELECT prefix || 'result.measures[won_count].value', won_count FROM t
UNION ALL SELECT prefix || 'result.measures[closed_count].value', closed_count FROM t
UNION ALL SELECT prefix || 'result.measures[won_amount].value', won_amount FROM t
UNION ALL SELECT prefix || 'result.measures[closed_amount].value', closed_amount FROM t;
