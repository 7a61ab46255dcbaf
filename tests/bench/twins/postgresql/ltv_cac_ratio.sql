-- ltv_cac_ratio (ltv cohort, cac blended, gross_margin 1): ltv / cac, both in minor units as the
-- ltv and cac twins compute them; health band by exact integer comparison of ltv with 1, 3, 5 x cac.
-- One statement: the figures are computed once, then unpivoted with the value as text
-- (the ratio's fraction only exists when both ltv and cac do).
WITH new_customers AS (
  SELECT DISTINCT w.account_id
  FROM opportunities w
  WHERE w.status = 'won' AND w.closed_at >= '{{start}}' AND w.closed_at < '{{end}}'
    AND NOT EXISTS (SELECT 1 FROM opportunities e
                    WHERE e.account_id = w.account_id AND e.status = 'won' AND e.closed_at < '{{start}}')
),
f AS (
  SELECT customers.n, payments.paid, spend.spend
  FROM (SELECT COUNT(*) AS n FROM new_customers) AS customers,
       (SELECT COALESCE(SUM(p.amount_minor), 0)::bigint AS paid
        FROM new_customers c JOIN payments p ON p.account_id = c.account_id
        WHERE p.received_at <= '{{as_of}}') AS payments,
       (SELECT COALESCE(SUM(amount_minor), 0)::bigint AS spend FROM expenses
        WHERE incurred_on >= TIMESTAMP '{{start}}' AND incurred_on < TIMESTAMP '{{end}}') AS spend
),
g AS (
  SELECT n, paid, spend,
         CASE WHEN n = 0 THEN NULL
              WHEN paid >= 0 THEN (2 * paid + n) / (2 * n)
              ELSE -((-2 * paid + n) / (2 * n)) END AS ltv,
         CASE WHEN n > 0 THEN (2 * spend + n) / (2 * n) END AS cac
  FROM f
),
h AS (
  SELECT g.*,
         CASE WHEN cac > 0 THEN CAST(ltv AS double precision) / cac END AS ratio,
         CASE WHEN ltv IS NULL OR NOT cac > 0 THEN NULL
              WHEN ltv < cac THEN 'red'
              WHEN ltv < 3 * cac THEN 'yellow'
              WHEN ltv < 5 * cac THEN 'green'
              ELSE 'blue' END AS band
  FROM g
)
SELECT v.key, v.value
FROM h CROSS JOIN LATERAL (VALUES
  ('result.value', ratio::text, true),
  ('result.value.fraction', ltv::text || '/' || cac::text, ltv IS NOT NULL AND cac IS NOT NULL),
  ('result.measures[ltv_cac_ratio].value', ratio::text, true),
  ('result.measures[ltv_cac_ratio].value.fraction', ltv::text || '/' || cac::text,
   ltv IS NOT NULL AND cac IS NOT NULL),
  ('result.measures[ltv].value', ltv::text, true),
  ('result.measures[ltv].value.fraction', paid::text || '/' || n::text, true),
  ('result.measures[cac].value', cac::text, true),
  ('result.measures[cac].value.fraction', spend::text || '/' || n::text, true),
  ('result.measures[health_band].value', band, true),
  ('result.measures[health_advice].value',
   CASE band
     WHEN 'red' THEN 'Losing money on each customer: lifetime value is below acquisition cost.'
     WHEN 'yellow' THEN 'Below the 3:1 SaaS norm: each customer returns less than three times its acquisition cost.'
     WHEN 'green' THEN 'Healthy: lifetime value is three to five times acquisition cost.'
     WHEN 'blue' THEN 'Efficient, but under-investing in growth: spend more on marketing.'
   END, true)) AS v(key, value, present)
WHERE v.present;
