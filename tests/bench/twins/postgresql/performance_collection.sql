-- performance_collection (PostgreSQL): per rep, per team and for the company, the
-- total_sales target inside the period, the amount won in the period, the
-- payments received in the period on the deals they own, and the payments
-- received by as_of on the deals won in the period.
-- A date (a target's period, hired_at, left_at) stands for its midnight (UTC):
-- PostgreSQL compares a date with a timestamp that way.
WITH won_deals AS (
  -- Deals won in the period, each with what was paid on it by as_of.
  SELECT o.owner_rep_id, o.amount_minor,
         (SELECT COALESCE(SUM(pm.amount_minor), 0)::bigint FROM payments pm
          WHERE pm.opportunity_id = o.id AND pm.received_at <= '{{as_of}}') AS paid
  FROM opportunities o
  WHERE o.status = 'won' AND o.closed_at >= '{{start}}' AND o.closed_at < '{{end}}'
),
won AS (
  SELECT owner_rep_id, SUM(amount_minor)::bigint AS won_amount, SUM(paid)::bigint AS collected_against_won
  FROM won_deals
  GROUP BY owner_rep_id
),
collected AS (
  -- Payments received in the period, by the owner of their opportunity.
  SELECT o.owner_rep_id, SUM(pm.amount_minor)::bigint AS collected_in_period
  FROM payments pm
  JOIN opportunities o ON o.id = pm.opportunity_id
  WHERE pm.received_at >= '{{start}}' AND pm.received_at < '{{end}}'
  GROUP BY o.owner_rep_id
),
period_targets AS (
  SELECT scope, scope_id, ROUND(SUM(target_value))::bigint AS target
  FROM targets
  WHERE metric = 'total_sales'
    AND period_start >= TIMESTAMP '{{start}}' AND period_end <= TIMESTAMP '{{end}}'
  GROUP BY scope, scope_id
),
employed AS (
  -- Reps employed during the period.
  SELECT id FROM sales_reps
  WHERE (left_at IS NULL OR left_at >= TIMESTAMP '{{start}}')
    AND (hired_at IS NULL OR hired_at < TIMESTAMP '{{end}}')
),
owners AS (
  SELECT id AS rep_id FROM employed
  UNION SELECT owner_rep_id FROM won
  UNION SELECT owner_rep_id FROM collected
  UNION SELECT scope_id FROM period_targets WHERE scope = 'rep'
),
per_rep AS (
  SELECT ow.rep_id, r.team_id,
         COALESCE(w.won_amount, 0) AS won_amount,
         COALESCE(w.collected_against_won, 0) AS collected_against_won,
         COALESCE(c.collected_in_period, 0) AS collected_in_period,
         t.target,
         ow.rep_id IN (SELECT id FROM employed) AS is_employed
  FROM owners ow
  LEFT JOIN sales_reps r ON r.id = ow.rep_id
  LEFT JOIN won w ON w.owner_rep_id = ow.rep_id
  LEFT JOIN collected c ON c.owner_rep_id = ow.rep_id
  LEFT JOIN period_targets t ON t.scope = 'rep' AND t.scope_id = ow.rep_id
),
-- One row per rep (employed, or with a non-zero figure or a target), per team
-- (its reps' figures, its own target) and for the company.
scopes AS (
  SELECT 'reps[' || rep_id || ']' AS scope_key, target, won_amount, collected_in_period, collected_against_won
  FROM per_rep
  WHERE is_employed OR target IS NOT NULL
     OR won_amount <> 0 OR collected_in_period <> 0 OR collected_against_won <> 0
  UNION ALL
  SELECT 'teams[' || tm.id || ']', t.target,
         COALESCE(SUM(pr.won_amount), 0)::bigint, COALESCE(SUM(pr.collected_in_period), 0)::bigint,
         COALESCE(SUM(pr.collected_against_won), 0)::bigint
  FROM teams tm
  LEFT JOIN per_rep pr ON pr.team_id = tm.id
  LEFT JOIN period_targets t ON t.scope = 'team' AND t.scope_id = tm.id
  GROUP BY tm.id, t.target
  UNION ALL
  SELECT 'company',
         (SELECT target FROM period_targets WHERE scope = 'company'),
         COALESCE(SUM(won_amount), 0)::bigint, COALESCE(SUM(collected_in_period), 0)::bigint,
         COALESCE(SUM(collected_against_won), 0)::bigint
  FROM per_rep
),
fields(field) AS (
  VALUES ('target'), ('won_amount'), ('attainment'), ('attainment.fraction'), ('collected_in_period'),
         ('collected_against_won'), ('collection_rate'), ('collection_rate.fraction')
)
-- Money, ratios and fractions in one column: given as text (a double's text is exact).
SELECT scope_key || '.' || field,
       CASE field
         WHEN 'target' THEN target::text
         WHEN 'won_amount' THEN won_amount::text
         WHEN 'attainment' THEN (CASE WHEN target <> 0 THEN won_amount::double precision / target END)::text
         WHEN 'attainment.fraction' THEN won_amount || '/' || target
         WHEN 'collected_in_period' THEN collected_in_period::text
         WHEN 'collected_against_won' THEN collected_against_won::text
         WHEN 'collection_rate' THEN
           (CASE WHEN won_amount <> 0 THEN collected_against_won::double precision / won_amount END)::text
         WHEN 'collection_rate.fraction' THEN collected_against_won || '/' || won_amount
       END
FROM scopes CROSS JOIN fields
WHERE field <> 'attainment.fraction' OR target IS NOT NULL;

-- Payments received in the period without an opportunity.
SELECT 'collected_without_opportunity', COALESCE(SUM(amount_minor), 0)::bigint
FROM payments
WHERE opportunity_id IS NULL AND received_at >= '{{start}}' AND received_at < '{{end}}';
