-- stage_task_completion: tasks with due_at in the period, per stage (every stage in position order,
-- then the tasks without a stage): total, completed (completed_at <= as_of), on time (also
-- completed_at <= due_at), both rates over the total; the same over all the tasks.
-- One statement; the value column is text (a PostgreSQL column has one type), doubles cast directly.
WITH per_stage AS (
  SELECT t.stage_id,
         COUNT(*) AS task_count,
         COUNT(*) FILTER (WHERE t.completed_at <= '{{as_of}}') AS completed_count,
         COUNT(*) FILTER (WHERE t.completed_at <= '{{as_of}}' AND t.completed_at <= t.due_at) AS on_time_count
  FROM tasks t
  WHERE t.due_at >= '{{start}}' AND t.due_at < '{{end}}'
  GROUP BY t.stage_id
),
rows AS (
  SELECT s.id, s.name, s.position, (ROW_NUMBER() OVER (ORDER BY s.position) - 1)::text AS i,
         COALESCE(p.task_count, 0) AS task_count,
         COALESCE(p.completed_count, 0) AS completed_count,
         COALESCE(p.on_time_count, 0) AS on_time_count
  FROM pipeline_stages s
  LEFT JOIN per_stage p ON p.stage_id = s.id
  UNION ALL
  SELECT NULL, NULL, NULL, (SELECT COUNT(*) FROM pipeline_stages)::text,
         p.task_count, p.completed_count, p.on_time_count
  FROM per_stage p
  WHERE p.stage_id IS NULL
),
totals AS (
  SELECT COALESCE(SUM(task_count), 0)::bigint AS task_count,
         COALESCE(SUM(completed_count), 0)::bigint AS completed_count,
         COALESCE(SUM(on_time_count), 0)::bigint AS on_time_count
  FROM per_stage
)
SELECT v.key, v.value
FROM totals t
CROSS JOIN LATERAL (VALUES
  ('result.value', t.task_count::text),
  ('result.measures[task_count].value', t.task_count::text),
  ('result.measures[completed_count].value', t.completed_count::text),
  ('result.measures[on_time_count].value', t.on_time_count::text),
  ('result.measures[completion_rate].value', (t.completed_count::double precision / NULLIF(t.task_count, 0))::text),
  ('result.measures[completion_rate].value.fraction', t.completed_count::text || '/' || t.task_count::text),
  ('result.measures[on_time_rate].value', (t.on_time_count::double precision / NULLIF(t.task_count, 0))::text),
  ('result.measures[on_time_rate].value.fraction', t.on_time_count::text || '/' || t.task_count::text)
) AS v(key, value)
UNION ALL
SELECT 'result.table[' || r.i || '].' || v.key, v.value
FROM rows r
CROSS JOIN LATERAL (VALUES
  ('stage_id', r.id),
  ('stage_name', r.name),
  ('position', r.position::text),
  ('task_count', r.task_count::text),
  ('completed_count', r.completed_count::text),
  ('on_time_count', r.on_time_count::text),
  ('completion_rate', (r.completed_count::double precision / NULLIF(r.task_count, 0))::text),
  ('completion_rate.fraction', r.completed_count::text || '/' || r.task_count::text),
  ('on_time_rate', (r.on_time_count::double precision / NULLIF(r.task_count, 0))::text),
  ('on_time_rate.fraction', r.on_time_count::text || '/' || r.task_count::text)
) AS v(key, value);
