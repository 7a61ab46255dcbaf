-- stage_task_completion: tasks with due_at in the period, per stage (every stage in position order,
-- then the tasks without a stage): total, completed (completed_at <= as_of), on time (also
-- completed_at <= due_at), both rates over the total; the same over all the tasks.
WITH per_stage AS (
  SELECT t.stage_id,
         COUNT(*) AS task_count,
         SUM(t.completed_at <= '{{as_of}}') AS completed_count,
         SUM(t.completed_at <= '{{as_of}}' AND t.completed_at <= t.due_at) AS on_time_count
  FROM tasks t
  WHERE t.due_at >= '{{start}}' AND t.due_at < '{{end}}'
  GROUP BY t.stage_id
),
rows AS (
  SELECT s.id, s.name, s.position, ROW_NUMBER() OVER (ORDER BY s.position) - 1 AS i,
         COALESCE(p.task_count, 0) AS task_count,
         COALESCE(p.completed_count, 0) AS completed_count,
         COALESCE(p.on_time_count, 0) AS on_time_count
  FROM pipeline_stages s
  LEFT JOIN per_stage p ON p.stage_id = s.id
  UNION ALL
  SELECT NULL, NULL, NULL, (SELECT COUNT(*) FROM pipeline_stages),
         p.task_count, p.completed_count, p.on_time_count
  FROM per_stage p
  WHERE p.stage_id IS NULL
),
totals AS (
  SELECT COALESCE(SUM(task_count), 0) AS task_count,
         COALESCE(SUM(completed_count), 0) AS completed_count,
         COALESCE(SUM(on_time_count), 0) AS on_time_count
  FROM per_stage
)
SELECT 'result.value', task_count FROM totals
UNION ALL SELECT 'result.measures[task_count].value', task_count FROM totals
UNION ALL SELECT 'result.measures[completed_count].value', completed_count FROM totals
UNION ALL SELECT 'result.measures[on_time_count].value', on_time_count FROM totals
UNION ALL SELECT 'result.measures[completion_rate].value',
                 CASE WHEN task_count > 0 THEN 1.0 * completed_count / task_count END FROM totals
UNION ALL SELECT 'result.measures[completion_rate].value.fraction', completed_count || '/' || task_count FROM totals
UNION ALL SELECT 'result.measures[on_time_rate].value',
                 CASE WHEN task_count > 0 THEN 1.0 * on_time_count / task_count END FROM totals
UNION ALL SELECT 'result.measures[on_time_rate].value.fraction', on_time_count || '/' || task_count FROM totals
UNION ALL SELECT 'result.table[' || i || '].stage_id', id FROM rows
UNION ALL SELECT 'result.table[' || i || '].stage_name', name FROM rows
UNION ALL SELECT 'result.table[' || i || '].position', position FROM rows
UNION ALL SELECT 'result.table[' || i || '].task_count', task_count FROM rows
UNION ALL SELECT 'result.table[' || i || '].completed_count', completed_count FROM rows
UNION ALL SELECT 'result.table[' || i || '].on_time_count', on_time_count FROM rows
UNION ALL SELECT 'result.table[' || i || '].completion_rate',
                 CASE WHEN task_count > 0 THEN 1.0 * completed_count / task_count END FROM rows
UNION ALL SELECT 'result.table[' || i || '].completion_rate.fraction', completed_count || '/' || task_count FROM rows
UNION ALL SELECT 'result.table[' || i || '].on_time_rate',
                 CASE WHEN task_count > 0 THEN 1.0 * on_time_count / task_count END FROM rows
UNION ALL SELECT 'result.table[' || i || '].on_time_rate.fraction', on_time_count || '/' || task_count FROM rows;
