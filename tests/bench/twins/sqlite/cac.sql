-- cac (blended): expenses with incurred_on in P / new customers (accounts whose first won
-- opportunity, over all time, closed in P), rounded to the minor unit, halves away from zero.
WITH spend AS (
  SELECT COALESCE(SUM(CASE WHEN category = 'marketing' THEN amount_minor END), 0) AS marketing,
         COALESCE(SUM(CASE WHEN category = 'sales' THEN amount_minor END), 0) AS sales
  FROM expenses
  WHERE incurred_on >= date('{{start}}') AND incurred_on < date('{{end}}')
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
SELECT 'result.value', cac FROM f
UNION ALL SELECT 'result.value.fraction', spend || '/' || n FROM f
UNION ALL SELECT 'result.measures[cac].value', cac FROM f
UNION ALL SELECT 'result.measures[cac].value.fraction', spend || '/' || n FROM f
UNION ALL SELECT 'result.measures[spend].value', spend FROM f
UNION ALL SELECT 'result.measures[marketing_spend].value', marketing FROM f
UNION ALL SELECT 'result.measures[sales_spend].value', sales FROM f
UNION ALL SELECT 'result.measures[new_customer_count].value', n FROM f;
