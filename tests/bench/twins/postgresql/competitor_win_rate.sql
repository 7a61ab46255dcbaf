-- competitor_win_rate: per competitor listed on the opportunities won or lost with closed_at in the
-- period: closed and won counts and amounts, win rate, amount-weighted win rate; competitors in
-- code-point order. Headline: the closed deals that list any competitor.
-- One statement; the value column is text (a PostgreSQL column has one type), doubles cast directly.
WITH closed AS (
  SELECT o.id, o.status, o.amount_minor
  FROM opportunities o
  WHERE o.closed_at >= '{{start}}' AND o.closed_at < '{{end}}' AND o.status IN ('won', 'lost')
),
per_competitor AS (
  SELECT oc.competitor,
         COUNT(*) AS closed_count,
         COUNT(*) FILTER (WHERE c.status = 'won') AS won_count,
         COALESCE(SUM(c.amount_minor) FILTER (WHERE c.status = 'won'), 0)::bigint AS won_amount,
         SUM(c.amount_minor)::bigint AS closed_amount
  FROM closed c
  JOIN opportunity_competitors oc ON oc.opportunity_id = c.id
  GROUP BY oc.competitor
),
rows AS (
  SELECT p.*, (ROW_NUMBER() OVER (ORDER BY p.competitor COLLATE "C") - 1)::text AS i FROM per_competitor p
),
totals AS (
  SELECT (SELECT COUNT(*) FROM closed c
          WHERE EXISTS (SELECT 1 FROM opportunity_competitors oc WHERE oc.opportunity_id = c.id)) AS closed_count,
         (SELECT COUNT(*) FROM per_competitor) AS competitor_count
)
SELECT v.key, v.value
FROM totals t
CROSS JOIN LATERAL (VALUES
  ('result.value', t.closed_count::text),
  ('result.measures[closed_count].value', t.closed_count::text),
  ('result.measures[competitor_count].value', t.competitor_count::text)
) AS v(key, value)
UNION ALL
SELECT 'result.table[' || r.i || '].' || v.key, v.value
FROM rows r
CROSS JOIN LATERAL (VALUES
  ('competitor', r.competitor),
  ('closed_count', r.closed_count::text),
  ('won_count', r.won_count::text),
  ('won_amount', r.won_amount::text),
  ('closed_amount', r.closed_amount::text),
  ('win_rate', (r.won_count::double precision / r.closed_count)::text),
  ('win_rate.fraction', r.won_count::text || '/' || r.closed_count::text),
  ('amount_weighted_win_rate', (r.won_amount::double precision / NULLIF(r.closed_amount, 0))::text),
  ('amount_weighted_win_rate.fraction', r.won_amount::text || '/' || r.closed_amount::text)
) AS v(key, value);
