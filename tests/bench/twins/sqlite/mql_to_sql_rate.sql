-- mql_to_sql_rate (variant cohort): of the leads with mql_at in the period,
-- the share with sql_at set and at or before as_of (absent without MQLs).
WITH t AS (
  SELECT COUNT(*) AS mql_count,
         COALESCE(SUM(sql_at IS NOT NULL AND sql_at <= '{{as_of}}'), 0) AS sql_count
  FROM leads
  WHERE mql_at >= '{{start}}' AND mql_at < '{{end}}'
)
SELECT 'result.value', CAST(sql_count AS REAL) / NULLIF(mql_count, 0) FROM t
UNION ALL SELECT 'result.value.fraction', sql_count || '/' || mql_count FROM t
UNION ALL SELECT 'result.measures[mql_to_sql_rate].value', CAST(sql_count AS REAL) / NULLIF(mql_count, 0) FROM t
UNION ALL SELECT 'result.measures[mql_to_sql_rate].value.fraction', sql_count || '/' || mql_count FROM t
UNION ALL SELECT 'result.measures[mql_count].value', mql_count FROM t
UNION ALL SELECT 'result.measures[sql_count].value', sql_count FROM t;
