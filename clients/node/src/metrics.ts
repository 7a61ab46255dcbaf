// What MetricsService answers with, as plain typed objects.
import { label, type Label } from './enums';
import type { Column__Output } from './generated/salesmetrics/v1/Column';
import type { ComputeMetricResponse__Output } from './generated/salesmetrics/v1/ComputeMetricResponse';
import type { Group__Output } from './generated/salesmetrics/v1/Group';
import type { Metric__Output } from './generated/salesmetrics/v1/Metric';
import type { ParameterSpec__Output } from './generated/salesmetrics/v1/ParameterSpec';
import type { Result__Output } from './generated/salesmetrics/v1/Result';
import type { Unit__Output } from './generated/salesmetrics/v1/Unit';
import { requireDate } from './time';
import { toMeasures, toValue, type Value } from './values';

export type Unit = Label<Unit__Output, 'UNIT_'>;

export interface Column {
  name: string;
  unit: Unit;
}

export interface ParameterSpec {
  name: string;
  description: string;
  type: Label<ParameterSpec__Output['type'], 'TYPE_'>;
  // null: the parameter is optional and unset by default.
  defaultValue: string | null;
  // Bounds of a number, null when unbounded.
  minimum: string | null;
  minimumExclusive: boolean;
  maximum: string | null;
  maximumExclusive: boolean;
  allowedValues: string[];
}

export interface MetricInfo {
  id: string;
  name: string;
  displayName: string;
  description: string;
  unit: Unit;
  kind: Label<Metric__Output['kind'], 'METRIC_KIND_'>;
  filterDimensions: string[];
  groupByDimensions: string[];
  supportsSeries: boolean;
  parameters: ParameterSpec[];
  measures: { name: string; unit: Unit; description: string }[];
  columns: Column[];
  plugin: string;
  periodIgnored: boolean;
}

export interface Result {
  value: Value;
  // All named values, the headline first.
  measures: Map<string, Value>;
  // Rows, for metrics and views that answer with a list.
  table: { columns: Column[]; rows: Value[][] } | null;
}

export interface Group {
  // null: the rows where the dimension is missing.
  key: string | null;
  result: Result;
}

export interface Bucket {
  label: string;
  start: Date;
  end: Date;
  result: Result;
  groups: Group[];
}

export interface ComputeResult {
  metric: string;
  definition: { variant: string; formula: string };
  start: Date;
  end: Date;
  asOf: Date;
  timeZone: string;
  result: Result;
  groups: Group[];
  series: Bucket[];
  parameters: Record<string, string>;
}

const orNull = (text: string) => (text === '' ? null : text);

function toColumn(raw: Column__Output): Column {
  return { name: raw.name, unit: label('UNIT_', raw.unit) };
}

function toParameterSpec(raw: ParameterSpec__Output): ParameterSpec {
  return {
    ...raw,
    type: label('TYPE_', raw.type),
    defaultValue: orNull(raw.defaultValue),
    minimum: orNull(raw.minimum),
    maximum: orNull(raw.maximum),
  };
}

export function toMetricInfo(raw: Metric__Output): MetricInfo {
  return {
    id: raw.metricId,
    name: raw.name,
    displayName: raw.displayName,
    description: raw.description,
    unit: label('UNIT_', raw.unit),
    kind: label('METRIC_KIND_', raw.kind),
    filterDimensions: raw.filterDimensions,
    groupByDimensions: raw.groupByDimensions,
    supportsSeries: raw.supportsSeries,
    parameters: raw.parameters.map(toParameterSpec),
    measures: raw.measures.map((m) => ({ name: m.name, unit: label('UNIT_', m.unit), description: m.description })),
    columns: raw.columns.map(toColumn),
    plugin: raw.plugin,
    periodIgnored: raw.periodIgnored,
  };
}

function toResult(raw: Result__Output | null): Result {
  return {
    value: toValue(raw?.value ?? null),
    measures: toMeasures(raw?.measures ?? []),
    table: raw?.table
      ? { columns: raw.table.columns.map(toColumn), rows: raw.table.rows.map((row) => row.values.map(toValue)) }
      : null,
  };
}

function toGroup(raw: Group__Output): Group {
  return { key: raw._key === 'key' ? raw.key! : null, result: toResult(raw.result) };
}

export function toComputeResult(raw: ComputeMetricResponse__Output): ComputeResult {
  return {
    metric: raw.metric,
    definition: { variant: raw.definition?.variant ?? '', formula: raw.definition?.formula ?? '' },
    start: requireDate(raw.startTime, 'start_time'),
    end: requireDate(raw.endTime, 'end_time'),
    asOf: requireDate(raw.asOf, 'as_of'),
    timeZone: raw.timeZone,
    result: toResult(raw.result),
    groups: raw.groups.map(toGroup),
    series: raw.series.map((bucket) => ({
      label: bucket.label,
      start: requireDate(bucket.startTime, 'series.start_time'),
      end: requireDate(bucket.endTime, 'series.end_time'),
      result: toResult(bucket.result),
      groups: bucket.groups.map(toGroup),
    })),
    parameters: raw.parameters,
  };
}
