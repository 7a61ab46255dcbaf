-- ltv (cohort, gross_margin 1): every payment received by as_of (refunds included, any deal or none)
-- of the new customers of P (accounts whose first won opportunity closed in P) / their number,
-- rounded to the minor unit, halves away from zero.
-- One statement: the figures are computed once, then unpivoted with the value as text.
WITH new_customers AS (
  SELECT DISTINCT w.account_id
  FROM opportunities w
  WHERE w.status = 'won' AND w.closed_at >= '{{start}}' AND w.closed_at < '{{end}}'
    AND NOT EXISTS (SELECT 1 FROM opportunities e
                    WHERE e.account_id = w.account_id AND e.status = 'won' AND e.closed_at < '{{start}}')
),
f AS (
  SELECT customers.n, payments.paid
  FROM (SELECT COUNT(*) AS n FROM new_customers) AS customers,
       (SELECT COALESCE(SUM(p.amount_minor), 0)::bigint AS paid
        FROM new_customers c JOIN payments p ON p.account_id = c.account_id
        WHERE p.received_at <= '{{as_of}}') AS payments
),
g AS (
  SELECT n, paid,
         CASE WHEN n = 0 THEN NULL
              WHEN paid >= 0 THEN (2 * paid + n) / (2 * n)
              ELSE -((-2 * paid + n) / (2 * n)) END AS ltv
  FROM f
)
SELECT v.key, v.value
FROM g CROSS JOIN LATERAL (VALUES
  ('result.value', ltv::text),
  ('result.value.fraction', paid::text || '/' || n::text),
  ('result.measures[ltv].value', ltv::text),
  ('result.measures[ltv].value.fraction', paid::text || '/' || n::text),
  ('result.measures[customer_count].value', n::text),
  ('result.measures[customer_payments].value', paid::text)) AS v(key, value);
