-- sales_briefing (SQLite): the eleven headline figures for the period and the
-- previous period, with their absolute and relative changes.
-- p holds the two periods; every figure is computed per period by joining p.
-- A date (incurred_on, hired_at, left_at) stands for its midnight (UTC).
-- Money divisions round to the nearest minor unit, halves away from zero.
WITH p(label, s, e) AS (
  VALUES ('current', '{{start}}', '{{end}}'),
         ('previous', '{{previous_start}}', '{{previous_end}}')
),
-- MQL cohort: leads with mql_at in the period, and those with sql_at by as_of.
mql AS (
  SELECT p.label,
         COUNT(l.mql_at) AS mql_count,
         COUNT(CASE WHEN l.sql_at <= '{{as_of}}' THEN 1 END) AS sql_count
  FROM p
  LEFT JOIN leads l ON l.mql_at >= p.s AND l.mql_at < p.e
  GROUP BY p.label
),
-- Reps employed during the period.
employed AS (
  SELECT p.label, r.id AS rep_id
  FROM p
  JOIN sales_reps r
    ON (r.left_at IS NULL OR r.left_at || ' 00:00:00' >= p.s)
   AND (r.hired_at IS NULL OR r.hired_at || ' 00:00:00' < p.e)
),
rep_count AS (
  SELECT p.label, COUNT(employed.rep_id) AS rep_count
  FROM p LEFT JOIN employed ON employed.label = p.label
  GROUP BY p.label
),
-- Deals won or lost in the period.
closed AS (
  SELECT p.label,
         COUNT(o.closed_at) AS closed_count,
         COUNT(CASE WHEN o.status = 'won' THEN 1 END) AS won_count,
         COUNT(CASE WHEN o.status = 'lost' THEN 1 END) AS lost_count,
         COALESCE(SUM(CASE WHEN o.status = 'won' THEN o.amount_minor END), 0) AS won_amount,
         COUNT(DISTINCT CASE WHEN o.status = 'won' THEN o.account_id END) AS customer_count,
         AVG(CASE WHEN o.status = 'won' THEN julianday(o.closed_at) - julianday(o.created_at) END) AS mean_cycle_days,
         COALESCE(SUM(CASE WHEN o.status = 'won' AND employed.rep_id IS NOT NULL THEN o.amount_minor END), 0)
           AS employed_won_amount
  FROM p
  LEFT JOIN opportunities o
    ON o.closed_at >= p.s AND o.closed_at < p.e AND o.status IN ('won', 'lost')
  LEFT JOIN employed ON employed.label = p.label AND employed.rep_id = o.owner_rep_id
  GROUP BY p.label
),
-- New customers: accounts with a win in the period and none before it.
new_customers AS (
  SELECT DISTINCT p.label, o.account_id
  FROM p
  JOIN opportunities o ON o.status = 'won' AND o.closed_at >= p.s AND o.closed_at < p.e
  WHERE NOT EXISTS (
    SELECT 1 FROM opportunities w
    WHERE w.account_id = o.account_id AND w.status = 'won' AND w.closed_at < p.s)
),
customers AS (
  SELECT p.label,
         COUNT(DISTINCT n.account_id) AS new_customer_count,
         (SELECT COALESCE(SUM(pm.amount_minor), 0)
          FROM new_customers n2
          JOIN payments pm ON pm.account_id = n2.account_id AND pm.received_at <= '{{as_of}}'
          WHERE n2.label = p.label) AS customer_payments
  FROM p LEFT JOIN new_customers n ON n.label = p.label
  GROUP BY p.label
),
-- Marketing and sales spend: expenses whose date's midnight lies in the period.
spend AS (
  SELECT p.label, COALESCE(SUM(x.amount_minor), 0) AS spend
  FROM p
  LEFT JOIN expenses x
    ON x.incurred_on >= date(p.s, '+86399 seconds') AND x.incurred_on < date(p.e, '+86399 seconds')
  GROUP BY p.label
),
h AS (
  SELECT p.label, mql.mql_count, mql.sql_count,
         closed.closed_count, closed.won_count, closed.lost_count, closed.won_amount,
         closed.customer_count, closed.mean_cycle_days, closed.employed_won_amount,
         rep_count.rep_count, customers.new_customer_count, customers.customer_payments, spend.spend,
         CASE WHEN customers.new_customer_count > 0 THEN
           CASE WHEN spend.spend >= 0
                THEN (2 * spend.spend + customers.new_customer_count) / (2 * customers.new_customer_count)
                ELSE -((2 * -spend.spend + customers.new_customer_count) / (2 * customers.new_customer_count)) END
         END AS cac,
         CASE WHEN customers.new_customer_count > 0 THEN
           CASE WHEN customers.customer_payments >= 0
                THEN (2 * customers.customer_payments + customers.new_customer_count) / (2 * customers.new_customer_count)
                ELSE -((2 * -customers.customer_payments + customers.new_customer_count) / (2 * customers.new_customer_count)) END
         END AS ltv
  FROM p
  JOIN mql ON mql.label = p.label
  JOIN closed ON closed.label = p.label
  JOIN rep_count ON rep_count.label = p.label
  JOIN customers ON customers.label = p.label
  JOIN spend ON spend.label = p.label
),
-- One row per line and period: the value and, for a division, its operands
-- as text; kind 'int' for money and counts, 'real' for ratios and days.
lines(line, kind) AS (
  VALUES ('mql_count', 'int'), ('mql_to_sql_rate', 'real'), ('win_rate', 'real'), ('cac', 'int'),
         ('total_sales', 'int'), ('ltv', 'int'), ('ltv_cac_ratio', 'real'), ('sales_cycle_days', 'real'),
         ('avg_sales_per_customer', 'int'), ('sales_per_rep', 'int'), ('lost_reasons', 'int')
),
figures AS (
  SELECT h.label, lines.line, lines.kind,
         CASE lines.line
           WHEN 'mql_count' THEN mql_count
           WHEN 'mql_to_sql_rate' THEN CASE WHEN mql_count > 0 THEN 1.0 * sql_count / mql_count END
           WHEN 'win_rate' THEN CASE WHEN closed_count > 0 THEN 1.0 * won_count / closed_count END
           WHEN 'cac' THEN cac
           WHEN 'total_sales' THEN won_amount
           WHEN 'ltv' THEN ltv
           WHEN 'ltv_cac_ratio' THEN CASE WHEN cac <> 0 THEN 1.0 * ltv / cac END
           WHEN 'sales_cycle_days' THEN mean_cycle_days
           WHEN 'avg_sales_per_customer' THEN
             CASE WHEN customer_count > 0 THEN (2 * won_amount + customer_count) / (2 * customer_count) END
           WHEN 'sales_per_rep' THEN
             CASE WHEN rep_count > 0 THEN (2 * employed_won_amount + rep_count) / (2 * rep_count) END
           WHEN 'lost_reasons' THEN lost_count
         END AS v,
         CASE lines.line
           WHEN 'mql_to_sql_rate' THEN sql_count || '/' || mql_count
           WHEN 'win_rate' THEN won_count || '/' || closed_count
           WHEN 'cac' THEN spend || '/' || new_customer_count
           WHEN 'ltv' THEN customer_payments || '/' || new_customer_count
           WHEN 'ltv_cac_ratio' THEN ltv || '/' || cac
           WHEN 'avg_sales_per_customer' THEN won_amount || '/' || customer_count
           WHEN 'sales_per_rep' THEN employed_won_amount || '/' || rep_count
         END AS frac
  FROM h CROSS JOIN lines
),
pairs AS (
  SELECT line, kind,
         MAX(CASE WHEN label = 'current' THEN v END) AS cur,
         MAX(CASE WHEN label = 'current' THEN frac END) AS cur_frac,
         MAX(CASE WHEN label = 'previous' THEN v END) AS prev,
         MAX(CASE WHEN label = 'previous' THEN frac END) AS prev_frac
  FROM figures
  GROUP BY line, kind
),
-- The keys of a line; the relative change has operands for money and counts
-- (when it has a value: absent when the previous value is 0 or either absent).
fields(field, has_fraction) AS (
  VALUES ('current', 0), ('current.fraction', 1), ('previous', 0), ('previous.fraction', 1),
         ('absolute_change', 0), ('relative_change', 0), ('relative_change.fraction', 1)
)
SELECT 'lines[' || pairs.line || '].' || fields.field,
       CASE fields.field
         WHEN 'current' THEN cur
         WHEN 'current.fraction' THEN cur_frac
         WHEN 'previous' THEN prev
         WHEN 'previous.fraction' THEN prev_frac
         WHEN 'absolute_change' THEN cur - prev
         WHEN 'relative_change' THEN CASE WHEN prev <> 0 THEN 1.0 * (cur - prev) / abs(prev) END
         WHEN 'relative_change.fraction' THEN (cur - prev) || '/' || abs(prev)
       END
FROM pairs CROSS JOIN fields
WHERE fields.has_fraction = 0
   OR (fields.field = 'current.fraction' AND cur_frac IS NOT NULL)
   OR (fields.field = 'previous.fraction' AND prev_frac IS NOT NULL)
   OR (fields.field = 'relative_change.fraction' AND kind = 'int' AND cur IS NOT NULL AND prev <> 0);
