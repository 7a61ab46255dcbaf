-- avg_sales_per_customer: the amounts of the deals won with closed_at in the
-- period / the distinct accounts of those deals, to the nearest minor unit
-- (halves up: amounts are >= 0); absent when nothing was won.
WITH t AS (
  SELECT COALESCE(SUM(amount_minor), 0) AS total_sales,
         COUNT(DISTINCT account_id) AS customer_count
  FROM opportunities
  WHERE closed_at >= '{{start}}' AND closed_at < '{{end}}' AND status = 'won'
)
SELECT 'result.value', (2 * total_sales + customer_count) / NULLIF(2 * customer_count, 0) FROM t
UNION ALL SELECT 'result.value.fraction', total_sales || '/' || customer_count FROM t
UNION ALL SELECT 'result.measures[avg_sales_per_customer].value', (2 * total_sales + customer_count) / NULLIF(2 * customer_count, 0) FROM t
UNION ALL SELECT 'result.measures[avg_sales_per_customer].value.fraction', total_sales || '/' || customer_count FROM t
UNION ALL SELECT 'result.measures[total_sales].value', total_sales FROM t
UNION ALL SELECT 'result.measures[customer_count].value', customer_count FROM t;
