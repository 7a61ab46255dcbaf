// The options the Client's methods take, and the requests they become.
import { unlabel, type Label } from './enums';
import type { ComputeMetricRequest } from './generated/salesmetrics/v1/ComputeMetricRequest';
import type { DashboardPeriod } from './generated/salesmetrics/v1/DashboardPeriod';
import type { Filter } from './generated/salesmetrics/v1/Filter';
import type { Granularity__Output } from './generated/salesmetrics/v1/Granularity';
import { toTimestamp } from './time';

export type Granularity = Exclude<Label<Granularity__Output, 'GRANULARITY_'>, 'unspecified'>;

// Keeps the rows whose dimension has (one of) the value(s): { region: ['east', 'west'] }.
export type Where = Record<string, string | readonly string[]>;

export interface PeriodOptions {
  // The period [start, end): 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM[:SS]' in timeZone.
  start: string;
  end: string;
  // IANA time zone; the server's default is UTC.
  timeZone?: string;
  // The instant the question is asked at; the server's default is now.
  asOf?: Date;
  // First month (1-12) of the fiscal year; the server's default is January.
  fiscalYearStartMonth?: number;
}

export interface ComputeOptions extends Partial<PeriodOptions> {
  // The metric id, e.g. 'win_rate'.
  metric: string;
  // A dimension to group by.
  by?: string;
  where?: Where;
  // Also a series of buckets.
  granularity?: Granularity;
  // The metric's parameters, as text ('0.7' for a decimal).
  params?: Record<string, string>;
}

export interface FunnelOptions extends PeriodOptions {
  where?: Where;
}

export function toFilters(where: Where = {}): Filter[] {
  return Object.entries(where).map(([dimension, values]) => ({
    dimension,
    values: typeof values === 'string' ? [values] : [...values],
  }));
}

export function toComputeRequest(options: ComputeOptions): ComputeMetricRequest {
  return {
    metric: options.metric,
    periodStart: options.start,
    periodEnd: options.end,
    timeZone: options.timeZone,
    asOf: options.asOf && toTimestamp(options.asOf),
    granularity: options.granularity && unlabel<Granularity__Output, 'GRANULARITY_'>('GRANULARITY_', options.granularity),
    fiscalYearStartMonth: options.fiscalYearStartMonth,
    filters: toFilters(options.where),
    groupBy: options.by,
    parameters: options.params,
  };
}

export function toDashboardPeriod(options: PeriodOptions): DashboardPeriod {
  return {
    periodStart: options.start,
    periodEnd: options.end,
    timeZone: options.timeZone,
    asOf: options.asOf && toTimestamp(options.asOf),
    fiscalYearStartMonth: options.fiscalYearStartMonth,
  };
}
