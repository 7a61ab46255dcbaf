import * as grpc from '@grpc/grpc-js';
import { toAlertEvaluation, toAlertEvent, type AlertEvaluation, type AlertEvent } from './alerts';
import { toBriefing, toForecast, toFunnel, toPerformance } from './dashboards';
import type { Briefing, Forecast, Funnel, Performance } from './dashboards';
import { connectionFor, type ConnectionOptions } from './connection';
import { toSalesmetricsError } from './errors';
import type { AlertServiceClient } from './generated/salesmetrics/v1/AlertService';
import type { DashboardServiceClient } from './generated/salesmetrics/v1/DashboardService';
import type { ListMetricsResponse__Output } from './generated/salesmetrics/v1/ListMetricsResponse';
import type { MetricsServiceClient } from './generated/salesmetrics/v1/MetricsService';
import { toComputeResult, toMetricInfo, type ComputeResult, type MetricInfo } from './metrics';
import { loadServices, type SalesmetricsProto } from './protos';
import { toComputeRequest, toDashboardPeriod, toFilters } from './requests';
import type { ComputeOptions, FunnelOptions, PeriodOptions } from './requests';
import { toTimestamp } from './time';

export const DEFAULT_SERVER = '127.0.0.1:50051';

// Plaintext unless caFile (TLS) or credentials are given; see ConnectionOptions.
export interface ClientOptions extends ConnectionOptions {
  // Deadline of each unary call; default 30 s, as the CLI's.
  timeoutMs?: number;
}

let services: SalesmetricsProto | undefined;

// A salesmetrics server: its metrics, dashboards and alerts. Every failed call
// rejects with a SalesmetricsError.
export class Client {
  private readonly metrics: MetricsServiceClient;
  private readonly dashboards: DashboardServiceClient;
  private readonly alerts: AlertServiceClient;
  private readonly timeoutMs: number;
  private readonly callMetadata: grpc.Metadata;

  // Throws when the connection options do not go together or a file they
  // name cannot be read.
  constructor(address = process.env.SALESMETRICS_SERVER || DEFAULT_SERVER, options: ClientOptions = {}) {
    services ??= loadServices();
    const { credentials, channelOptions, callMetadata } = connectionFor(address, options);
    this.metrics = new services.MetricsService(address, credentials, channelOptions);
    // The three services share one channel.
    const shared = { ...channelOptions, channelOverride: this.metrics.getChannel() };
    this.dashboards = new services.DashboardService(address, credentials, shared);
    this.alerts = new services.AlertService(address, credentials, shared);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.callMetadata = callMetadata;
  }

  close(): void {
    this.metrics.close();
  }

  // Every metric and view the server has loaded, by id.
  async listMetrics(): Promise<MetricInfo[]> {
    const metrics: MetricInfo[] = [];
    let pageToken = '';
    do {
      const page: ListMetricsResponse__Output = await this.unary((m, o, done) => this.metrics.listMetrics({ pageToken }, m, o, done));
      metrics.push(...page.metrics.map(toMetricInfo));
      pageToken = page.nextPageToken;
    } while (pageToken !== '');
    return metrics;
  }

  async getMetric(id: string): Promise<MetricInfo> {
    return toMetricInfo(await this.unary((m, o, done) => this.metrics.getMetric({ name: `metrics/${id}` }, m, o, done)));
  }

  async compute(options: ComputeOptions): Promise<ComputeResult> {
    const request = toComputeRequest(options);
    return toComputeResult(await this.unary((m, o, done) => this.metrics.computeMetric(request, m, o, done)));
  }

  async briefing(period: PeriodOptions): Promise<Briefing> {
    const request = { period: toDashboardPeriod(period) };
    return toBriefing(await this.unary((m, o, done) => this.dashboards.computeSalesBriefing(request, m, o, done)));
  }

  async funnel(options: FunnelOptions): Promise<Funnel> {
    const request = { period: toDashboardPeriod(options), filters: toFilters(options.where) };
    return toFunnel(await this.unary((m, o, done) => this.dashboards.computeFunnel(request, m, o, done)));
  }

  async forecast(period: PeriodOptions): Promise<Forecast> {
    const request = { period: toDashboardPeriod(period) };
    return toForecast(await this.unary((m, o, done) => this.dashboards.computeForecast(request, m, o, done)));
  }

  async performance(period: PeriodOptions): Promise<Performance> {
    const request = { period: toDashboardPeriod(period) };
    return toPerformance(await this.unary((m, o, done) => this.dashboards.computePerformanceCollection(request, m, o, done)));
  }

  // The active alerts now, or at asOf.
  async evaluateAlerts(asOf?: Date): Promise<AlertEvaluation> {
    const request = { asOf: asOf && toTimestamp(asOf) };
    return toAlertEvaluation(await this.unary((m, o, done) => this.alerts.evaluateAlerts(request, m, o, done)));
  }

  // The active alerts, then every change as the server evaluates them, until
  // the server ends the stream. Leaving the loop (break, return, throw)
  // cancels the call.
  async *watchAlerts(): AsyncGenerator<AlertEvent, void, undefined> {
    const call = this.alerts.watchAlerts({}, this.callMetadata.clone());
    try {
      for await (const event of call) yield toAlertEvent(event);
    } catch (error) {
      throw toSalesmetricsError(error);
    } finally {
      call.on('error', () => {}); // the CANCELLED status our own cancel causes
      call.cancel();
    }
  }

  private unary<Response>(
    start: (
      metadata: grpc.Metadata,
      options: grpc.CallOptions,
      done: grpc.requestCallback<Response>,
    ) => grpc.ClientUnaryCall,
  ): Promise<Response> {
    return new Promise((resolve, reject) => {
      start(this.callMetadata.clone(), { deadline: Date.now() + this.timeoutMs }, (error, response) => {
        if (error) reject(toSalesmetricsError(error));
        else resolve(response!);
      });
    });
  }
}
