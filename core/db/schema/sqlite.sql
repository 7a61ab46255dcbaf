-- The canonical CRM schema, version 1 (spec/crm-schema.md), for SQLite.
-- Timestamps are UTC TEXT 'YYYY-MM-DD HH:MM:SS'; dates TEXT 'YYYY-MM-DD';
-- money INTEGER minor units; booleans INTEGER 0/1.

CREATE TABLE teams (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  region TEXT
);

CREATE TABLE sales_reps (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  team_id TEXT,
  hired_at TEXT,
  left_at TEXT
);
CREATE INDEX sales_reps_team_id ON sales_reps (team_id);

CREATE TABLE accounts (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  segment TEXT,
  industry TEXT,
  region TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE leads (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  source_channel TEXT,
  campaign TEXT,
  region TEXT,
  owner_rep_id TEXT,
  mql_at TEXT,
  sql_at TEXT,
  disqualified_at TEXT,
  account_id TEXT,
  opportunity_id TEXT
);
CREATE INDEX leads_mql_at ON leads (mql_at, sql_at, source_channel, campaign, region, owner_rep_id);
CREATE INDEX leads_sql_at ON leads (sql_at, mql_at, source_channel, campaign, region, owner_rep_id);

CREATE TABLE pipeline_stages (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  position INTEGER NOT NULL UNIQUE,
  win_probability INTEGER NOT NULL CHECK (win_probability BETWEEN 0 AND 100)
);

CREATE TABLE opportunities (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT,
  account_id TEXT NOT NULL,
  owner_rep_id TEXT NOT NULL,
  lead_id TEXT,
  product_line TEXT,
  region TEXT,
  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
  created_at TEXT NOT NULL,
  expected_close_date TEXT,
  stage_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'won', 'lost')),
  closed_at TEXT,
  lost_reason TEXT,
  is_key INTEGER NOT NULL
);
CREATE INDEX opportunities_closed_at ON opportunities
  (closed_at, status, amount_minor, owner_rep_id, account_id, created_at, lost_reason);
CREATE INDEX opportunities_created_at ON opportunities (created_at, status, closed_at, amount_minor, stage_id, id);
CREATE INDEX opportunities_account_wins ON opportunities (account_id, status, closed_at);
CREATE INDEX opportunities_open ON opportunities (status, expected_close_date, amount_minor);
CREATE INDEX opportunities_owner_rep_id ON opportunities (owner_rep_id);

CREATE TABLE opportunity_stage_history (
  opportunity_id TEXT NOT NULL,
  stage_id TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  exited_at TEXT,
  PRIMARY KEY (opportunity_id, stage_id, entered_at)
);
CREATE INDEX opportunity_stage_history_exited_at ON opportunity_stage_history (exited_at, stage_id, entered_at);

CREATE TABLE opportunity_competitors (
  opportunity_id TEXT NOT NULL,
  competitor TEXT NOT NULL,
  PRIMARY KEY (opportunity_id, competitor)
);
CREATE INDEX opportunity_competitors_competitor ON opportunity_competitors (competitor);

CREATE TABLE tasks (
  id TEXT PRIMARY KEY NOT NULL,
  opportunity_id TEXT NOT NULL,
  stage_id TEXT,
  owner_rep_id TEXT,
  created_at TEXT NOT NULL,
  due_at TEXT,
  completed_at TEXT
);
CREATE INDEX tasks_due_at ON tasks (due_at, stage_id, completed_at, opportunity_id);
CREATE INDEX tasks_opportunity_id ON tasks (opportunity_id);

CREATE TABLE expenses (
  id TEXT PRIMARY KEY NOT NULL,
  incurred_on TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('marketing', 'sales')),
  channel TEXT,
  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0)
);
CREATE INDEX expenses_incurred_on ON expenses (incurred_on, category, amount_minor);

CREATE TABLE payments (
  id TEXT PRIMARY KEY NOT NULL,
  account_id TEXT NOT NULL,
  opportunity_id TEXT,
  received_at TEXT NOT NULL,
  amount_minor INTEGER NOT NULL
);
CREATE INDEX payments_received_at ON payments (received_at, account_id, opportunity_id, amount_minor);
CREATE INDEX payments_account_id ON payments (account_id, received_at, amount_minor);
CREATE INDEX payments_opportunity_id ON payments (opportunity_id, received_at, amount_minor);

CREATE TABLE targets (
  id TEXT PRIMARY KEY NOT NULL,
  metric TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('company', 'team', 'rep')),
  scope_id TEXT,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  target_value REAL NOT NULL
);
CREATE INDEX targets_metric_scope ON targets (metric, scope, period_start, period_end);
