-- avg_sales_per_customer: the amounts of the deals won with closed_at in the
-- period / the distinct accounts of those deals, to the nearest minor unit
-- (halves up: amounts are >= 0); absent when nothing was won.
-- One statement: the aggregates once, unpivoted with every value as text
-- (a PostgreSQL result column has one type).
WITH t AS (
  SELECT COALESCE(SUM(amount_minor), 0)::bigint AS total_sales,
         COUNT(DISTINCT account_id) AS customer_count
  FROM opportunities
  WHERE closed_at >= '{{start}}' AND closed_at < '{{end}}' AND status = 'won'
)
SELECT v.key, v.value
FROM t
CROSS JOIN LATERAL (VALUES
  ('result.value', ((2 * total_sales + customer_count) / NULLIF(2 * customer_count, 0))::text),
  ('result.value.fraction', total_sales::text || '/' || customer_count::text),
  ('result.measures[avg_sales_per_customer].value', ((2 * total_sales + customer_count) / NULLIF(2 * customer_count, 0))::text),
  ('result.measures[avg_sales_per_customer].value.fraction', total_sales::text || '/' || customer_count::text),
  ('result.measures[total_sales].value', total_sales::text),
  ('result.measures[customer_count].value', customer_count::text)
) AS v(key, value);
