// What AlertService answers with, as plain typed objects.
import { label, type Label } from './enums';
import type { Alert__Output } from './generated/salesmetrics/v1/Alert';
import type { AlertScope__Output } from './generated/salesmetrics/v1/AlertScope';
import type { EvaluateAlertsResponse__Output } from './generated/salesmetrics/v1/EvaluateAlertsResponse';
import type { Severity__Output } from './generated/salesmetrics/v1/Severity';
import type { WatchAlertsResponse__Output } from './generated/salesmetrics/v1/WatchAlertsResponse';
import { requireDate, toDate } from './time';
import { toMeasures, type Value } from './values';

export type Severity = Label<Severity__Output, 'SEVERITY_'>;

export interface Alert {
  rule: string;
  severity: Severity;
  // id: the team or rep; null for the company.
  scope: { level: Label<AlertScope__Output['level'], 'LEVEL_'>; id: string | null };
  // The values that triggered it, by name.
  values: Map<string, Value>;
  message: string;
  periodStart: Date | null;
  periodEnd: Date | null;
  opportunityIds: string[];
}

export interface AlertEvaluation {
  asOf: Date;
  alerts: Alert[];
}

export interface AlertEvent {
  change: Label<WatchAlertsResponse__Output['change'], 'CHANGE_'>;
  // For 'resolved': the alert as it was when last active.
  alert: Alert;
  // For 'severity_changed': the severity before; otherwise null.
  previousSeverity: Severity | null;
  evaluatedAt: Date;
}

function toAlert(raw: Alert__Output | null): Alert {
  if (raw === null) throw new Error("the server's alert event lacks its alert");
  return {
    rule: raw.rule,
    severity: label('SEVERITY_', raw.severity),
    scope: { level: label('LEVEL_', raw.scope?.level ?? 'LEVEL_UNSPECIFIED'), id: raw.scope?.id || null },
    values: toMeasures(raw.values),
    message: raw.message,
    periodStart: toDate(raw.periodStartTime),
    periodEnd: toDate(raw.periodEndTime),
    opportunityIds: raw.opportunityIds,
  };
}

export function toAlertEvaluation(raw: EvaluateAlertsResponse__Output): AlertEvaluation {
  return { asOf: requireDate(raw.asOf, 'as_of'), alerts: raw.alerts.map(toAlert) };
}

export function toAlertEvent(raw: WatchAlertsResponse__Output): AlertEvent {
  const previous = label('SEVERITY_', raw.previousSeverity);
  return {
    change: label('CHANGE_', raw.change),
    alert: toAlert(raw.alert),
    previousSeverity: previous === 'unspecified' ? null : previous,
    evaluatedAt: requireDate(raw.evaluatedAt, 'evaluated_at'),
  };
}
