-- cac (blended): expenses with incurred_on in P / new customers (accounts whose first won
-- opportunity, over all time, closed in P), rounded to the minor unit, halves away from zero.
-- One statement: the figures are computed once, then unpivoted with the value as text.
WITH spend AS (
  SELECT COALESCE(SUM(amount_minor) FILTER (WHERE category = 'marketing'), 0)::bigint AS marketing,
         COALESCE(SUM(amount_minor) FILTER (WHERE category = 'sales'), 0)::bigint AS sales
  FROM expenses
  WHERE incurred_on >= TIMESTAMP '{{start}}' AND incurred_on < TIMESTAMP '{{end}}'
),
new_customers AS (
  SELECT COUNT(DISTINCT w.account_id) AS n
  FROM opportunities w
  WHERE w.status = 'won' AND w.closed_at >= '{{start}}' AND w.closed_at < '{{end}}'
    AND NOT EXISTS (SELECT 1 FROM opportunities e
                    WHERE e.account_id = w.account_id AND e.status = 'won' AND e.closed_at < '{{start}}')
),
f AS (
  SELECT marketing + sales AS spend, marketing, sales, n,
         CASE WHEN n > 0 THEN (2 * (marketing + sales) + n) / (2 * n) END AS cac
  FROM spend, new_customers
)
SELECT v.key, v.value
FROM f CROSS JOIN LATERAL (VALUES
  ('result.value', cac::text),
  ('result.value.fraction', spend::text || '/' || n::text),
  ('result.measures[cac].value', cac::text),
  ('result.measures[cac].value.fraction', spend::text || '/' || n::text),
  ('result.measures[spend].value', spend::text),
  ('result.measures[marketing_spend].value', marketing::text),
  ('result.measures[sales_spend].value', sales::text),
  ('result.measures[new_customer_count].value', n::text)) AS v(key, value);
