import * as grpc from '@grpc/grpc-js';
import { toAlertEvaluation, toAlertEvent, type AlertEvaluation, type AlertEvent } from './alerts';
import { toBriefing, toForecast, toFunnel, toPerformance } from './dashboards';
import type { Briefing, Forecast, Funnel, Performance } from './dashboards';
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

export interface ClientOptions {
  // Deadline of each unary call; default 30 s, as the CLI's.
  timeoutMs?: number;
  // Default: plaintext.
  credentials?: grpc.ChannelCredentials;
}

let services: SalesmetricsProto | undefined;

// A salesmetrics server: its metrics, dashboards and alerts. Every failed call
// rejects with a SalesmetricsError.
export class Client {
  private readonly metrics: MetricsServiceClient;
  private readonly dashboards: DashboardServiceClient;
  private readonly alerts: AlertServiceClient;
  private readonly timeoutMs: number;

  constructor(address = process.env.SALESMETRICS_SERVER || DEFAULT_SERVER, options: ClientOptions = {}) {
    services ??= loadServices();
    const credentials = options.credentials ?? grpc.credentials.createInsecure();
    this.metrics = new services.MetricsService(address, credentials);
    // The three services share one channel.
    const shared = { channelOverride: this.metrics.getChannel() };
    this.dashboards = new services.DashboardService(address, credentials, shared);
    this.alerts = new services.AlertService(address, credentials, shared);
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  close(): void {
    this.metrics.close();
  }

  // Every metric and view the server has loaded, by id.
  async listMetrics(): Promise<MetricInfo[]> {
    const metrics: MetricInfo[] = [];
    let pageToken = '';
    do {
      const page: ListMetricsResponse__Output = await this.unary((o, done) => this.metrics.listMetrics({ pageToken }, o, done));
      metrics.push(...page.metrics.map(toMetricInfo));
      pageToken = page.nextPageToken;
    } while (pageToken !== '');
    return metrics;
  }

  async getMetric(id: string): Promise<MetricInfo> {
    return toMetricInfo(await this.unary((o, done) => this.metrics.getMetric({ name: `metrics/${id}` }, o, done)));
  }

  async compute(options: ComputeOptions): Promise<ComputeResult> {
    const request = toComputeRequest(options);
    return toComputeResult(await this.unary((o, done) => this.metrics.computeMetric(request, o, done)));
  }

  async briefing(period: PeriodOptions): Promise<Briefing> {
    const request = { period: toDashboardPeriod(period) };
    return toBriefing(await this.unary((o, done) => this.dashboards.computeSalesBriefing(request, o, done)));
  }

  async funnel(options: FunnelOptions): Promise<Funnel> {
    const request = { period: toDashboardPeriod(options), filters: toFilters(options.where) };
    return toFunnel(await this.unary((o, done) => this.dashboards.computeFunnel(request, o, done)));
  }

  async forecast(period: PeriodOptions): Promise<Forecast> {
    const request = { period: toDashboardPeriod(period) };
    return toForecast(await this.unary((o, done) => this.dashboards.computeForecast(request, o, done)));
  }

  async performance(period: PeriodOptions): Promise<Performance> {
    const request = { period: toDashboardPeriod(period) };
    return toPerformance(await this.unary((o, done) => this.dashboards.computePerformanceCollection(request, o, done)));
  }

  // The active alerts now, or at asOf.
  async evaluateAlerts(asOf?: Date): Promise<AlertEvaluation> {
    const request = { asOf: asOf && toTimestamp(asOf) };
    return toAlertEvaluation(await this.unary((o, done) => this.alerts.evaluateAlerts(request, o, done)));
  }

  // The active alerts, then every change as the server evaluates them, until
  // the server ends the stream. Leaving the loop (break, return, throw)
  // cancels the call.
  async *watchAlerts(): AsyncGenerator<AlertEvent, void, undefined> {
    const call = this.alerts.watchAlerts({});
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
    start: (options: grpc.CallOptions, done: grpc.requestCallback<Response>) => grpc.ClientUnaryCall,
  ): Promise<Response> {
    return new Promise((resolve, reject) => {
      start({ deadline: Date.now() + this.timeoutMs }, (error, response) => {
        if (error) reject(toSalesmetricsError(error));
        else resolve(response!);
      });
    });
  }
}
