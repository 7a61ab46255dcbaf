-- mql_to_sql_rate (variant cohort): of the leads with mql_at in the period,
-- the share with sql_at set and at or before as_of (absent without MQLs).
-- One statement: the aggregates once, unpivoted with every value as text
-- (a PostgreSQL result column has one type; double precision as text is exact).
WITH t AS (
  SELECT COUNT(*) AS mql_count,
         COUNT(*) FILTER (WHERE sql_at <= '{{as_of}}') AS sql_count
  FROM leads
  WHERE mql_at >= '{{start}}' AND mql_at < '{{end}}'
)
SELECT v.key, v.value
FROM t
CROSS JOIN LATERAL (VALUES
  ('result.value', (sql_count::double precision / NULLIF(mql_count, 0))::text),
  ('result.value.fraction', sql_count::text || '/' || mql_count::text),
  ('result.measures[mql_to_sql_rate].value', (sql_count::double precision / NULLIF(mql_count, 0))::text),
  ('result.measures[mql_to_sql_rate].value.fraction', sql_count::text || '/' || mql_count::text),
  ('result.measures[mql_count].value', mql_count::text),
  ('result.measures[sql_count].value', sql_count::text)
) AS v(key, value);
