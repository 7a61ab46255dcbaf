// What DashboardService answers with, as plain typed objects.
import { label } from './enums';
import type { ComputeForecastResponse__Output } from './generated/salesmetrics/v1/ComputeForecastResponse';
import type { ComputeFunnelResponse__Output } from './generated/salesmetrics/v1/ComputeFunnelResponse';
import type { ComputePerformanceCollectionResponse__Output } from './generated/salesmetrics/v1/ComputePerformanceCollectionResponse';
import type { ComputeSalesBriefingResponse__Output } from './generated/salesmetrics/v1/ComputeSalesBriefingResponse';
import type { PerformanceRow__Output } from './generated/salesmetrics/v1/PerformanceRow';
import type { ResolvedPeriod__Output } from './generated/salesmetrics/v1/ResolvedPeriod';
import type { Unit } from './metrics';
import { requireMoney, type Money } from './money';
import { requireDate } from './time';
import { toValue, type Value } from './values';

export interface ResolvedPeriod {
  start: Date;
  end: Date;
  asOf: Date;
  timeZone: string;
}

export interface BriefingLine {
  metric: string;
  displayName: string;
  unit: Unit;
  current: Value;
  previous: Value;
  absoluteChange: Value;
  relativeChange: Value;
}

export interface Briefing {
  period: ResolvedPeriod;
  previousPeriod: ResolvedPeriod;
  lines: BriefingLine[];
}

export interface FunnelStage {
  stageId: string;
  stageName: string;
  position: number;
  openCount: bigint;
  openAmount: Money;
  reachedCount: bigint;
  nextStage: string;
  conversionToNext: Value;
  meanDwellDays: Value;
  lostCount: bigint;
  lostAmount: Money;
}

export interface Funnel {
  period: ResolvedPeriod;
  stages: FunnelStage[];
  cohortCount: bigint;
  wonCount: bigint;
}

export interface Forecast {
  period: ResolvedPeriod;
  wonToDate: Value;
  weightedPipeline: Value;
  openPipeline: Value;
  forecast: Value;
  bestCase: Value;
  target: Value;
  forecastAttainment: Value;
  pipelineCoverage: Value;
}

export interface PerformanceRow {
  // The rep or team id; '' for the company.
  id: string;
  name: string;
  teamId: string | null;
  target: Value;
  wonAmount: Value;
  attainment: Value;
  collectedInPeriod: Value;
  collectedAgainstWon: Value;
  collectionRate: Value;
}

export interface Performance {
  period: ResolvedPeriod;
  reps: PerformanceRow[];
  teams: PerformanceRow[];
  company: PerformanceRow;
  collectedWithoutOpportunity: Value;
}

function toPeriod(raw: ResolvedPeriod__Output | null, field: string): ResolvedPeriod {
  return {
    start: requireDate(raw?.startTime ?? null, `${field}.start_time`),
    end: requireDate(raw?.endTime ?? null, `${field}.end_time`),
    asOf: requireDate(raw?.asOf ?? null, `${field}.as_of`),
    timeZone: raw?.timeZone ?? '',
  };
}

export function toBriefing(raw: ComputeSalesBriefingResponse__Output): Briefing {
  return {
    period: toPeriod(raw.period, 'period'),
    previousPeriod: toPeriod(raw.previousPeriod, 'previous_period'),
    lines: raw.lines.map((line) => ({
      metric: line.metric,
      displayName: line.displayName,
      unit: label('UNIT_', line.unit),
      current: toValue(line.current),
      previous: toValue(line.previous),
      absoluteChange: toValue(line.absoluteChange),
      relativeChange: toValue(line.relativeChange),
    })),
  };
}

export function toFunnel(raw: ComputeFunnelResponse__Output): Funnel {
  return {
    period: toPeriod(raw.period, 'period'),
    stages: raw.stages.map((stage) => ({
      stageId: stage.stageId,
      stageName: stage.stageName,
      position: stage.position,
      openCount: BigInt(stage.openCount),
      openAmount: requireMoney(stage.openAmount, 'open_amount'),
      reachedCount: BigInt(stage.reachedCount),
      nextStage: stage.nextStage,
      conversionToNext: toValue(stage.conversionToNext),
      meanDwellDays: toValue(stage.meanDwellDays),
      lostCount: BigInt(stage.lostCount),
      lostAmount: requireMoney(stage.lostAmount, 'lost_amount'),
    })),
    cohortCount: BigInt(raw.cohortCount),
    wonCount: BigInt(raw.wonCount),
  };
}

export function toForecast(raw: ComputeForecastResponse__Output): Forecast {
  return {
    period: toPeriod(raw.period, 'period'),
    wonToDate: toValue(raw.wonToDate),
    weightedPipeline: toValue(raw.weightedPipeline),
    openPipeline: toValue(raw.openPipeline),
    forecast: toValue(raw.forecast),
    bestCase: toValue(raw.bestCase),
    target: toValue(raw.target),
    forecastAttainment: toValue(raw.forecastAttainment),
    pipelineCoverage: toValue(raw.pipelineCoverage),
  };
}

function toPerformanceRow(raw: PerformanceRow__Output | null): PerformanceRow {
  return {
    id: raw?.id ?? '',
    name: raw?.name ?? '',
    teamId: raw?.teamId || null,
    target: toValue(raw?.target ?? null),
    wonAmount: toValue(raw?.wonAmount ?? null),
    attainment: toValue(raw?.attainment ?? null),
    collectedInPeriod: toValue(raw?.collectedInPeriod ?? null),
    collectedAgainstWon: toValue(raw?.collectedAgainstWon ?? null),
    collectionRate: toValue(raw?.collectionRate ?? null),
  };
}

export function toPerformance(raw: ComputePerformanceCollectionResponse__Output): Performance {
  return {
    period: toPeriod(raw.period, 'period'),
    reps: raw.reps.map(toPerformanceRow),
    teams: raw.teams.map(toPerformanceRow),
    company: toPerformanceRow(raw.company),
    collectedWithoutOpportunity: toValue(raw.collectedWithoutOpportunity),
  };
}
