-- total_sales: the amounts of the deals won in the period.
SELECT 'result.value', SUM(amount_minor)
FROM opportunities
WHERE status = 'won' AND closed_at >= '{{start}}' AND closed_at < '{{end}}';
