// How long each metric and dashboard takes on a database filled with demo
// data (scripts/bench.sh makes one of a chosen size), computed in-process
// as the server computes it: a quarter (with a monthly series where the
// metric has series), as of the day the demo data ends.
//
//   SALESMETRICS_BENCH_DATABASE=sqlite3:///tmp/demo.db salesmetrics_benchmark
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "absl/time/clock.h"
#include "core/catalog/metric_catalog.h"
#include "core/dashboards/forecast.h"
#include "core/dashboards/funnel.h"
#include "core/dashboards/performance_collection.h"
#include "core/dashboards/sales_briefing.h"
#include "core/engine/host_api.h"
#include "core/engine/metric_engine.h"
#include "server/isolated_plugin.h"

namespace salesmetrics {
namespace {

namespace v1 = salesmetrics::v1;

constexpr int64_t kAsOfSeconds = 1790812800;  // 2026-10-01T00:00:00Z, the end of the demo data
constexpr int kPoolSize = 4;

struct Service {
  MetricRegistry registry;
  std::unique_ptr<ConnectionPool> pool;
  std::unique_ptr<MetricCatalog> catalog;
  std::unique_ptr<MetricEngine> engine;
  // The same metrics, run isolated in worker processes.
  MetricRegistry isolated_registry;
  std::unique_ptr<MetricEngine> isolated_engine;
};

// Opens total_sales and win_rate again as isolated plugins: each in a worker
// process of the server's, as --isolated_plugin_dir would.
void OpenIsolated(Service& s, const std::string& url) {
  IsolationOptions options;
  options.server_binary = SALESMETRICS_SERVER_BINARY;
  options.memory_limit_bytes = int64_t{1024} << 20;
  options.init_timeout = absl::Seconds(10);
  options.worker.set_database_url(url);
  options.worker.set_pool_size(kPoolSize);
  options.worker.set_currency_code("CNY");
  options.worker.set_max_request_seconds(60);
  options.worker.set_max_concurrent_requests(kPoolSize);
  for (const char* plugin : {"total_sales.so", "win_rate.so"}) {
    auto metrics = IsolatedPlugin::Open(std::string(SALESMETRICS_PLUGIN_DIR) + "/" + plugin,
                                        [](const std::string&) { return false; }, options);
    if (!metrics.ok() || !s.isolated_registry.AddAll(*metrics).ok()) {
      std::cerr << "cannot isolate " << plugin << ": " << metrics.status() << "\n";
      std::exit(2);
    }
  }
  s.isolated_engine = std::make_unique<MetricEngine>(&s.isolated_registry, s.pool.get(), "CNY");
}

Service& TheService() {
  static Service* service = [] {
    const char* url = std::getenv("SALESMETRICS_BENCH_DATABASE");
    if (url == nullptr) {
      std::cerr << "set SALESMETRICS_BENCH_DATABASE to a database with demo data (scripts/bench.sh)\n";
      std::exit(2);
    }
    auto parsed = ParseDatabaseUrl(url);
    if (!parsed.ok()) {
      std::cerr << parsed.status() << "\n";
      std::exit(2);
    }
    auto* s = new Service();
    s->pool = std::make_unique<ConnectionPool>(
        ConnectionPool::Options{.url = *parsed, .size = kPoolSize, .read_only = true});
    s->catalog = std::make_unique<MetricCatalog>(SALESMETRICS_PLUGIN_DIR, "", HostApi(), &s->registry, s->pool.get());
    if (auto loaded = s->catalog->Reload(); !loaded.ok()) {
      std::cerr << loaded.status() << "\n";
      std::exit(2);
    }
    s->engine = std::make_unique<MetricEngine>(&s->registry, s->pool.get(), "CNY");
    OpenIsolated(*s, url);
    return s;
  }();
  return *service;
}

template <typename Status>
void Check(benchmark::State& state, const Status& status) {
  if (!status.ok()) state.SkipWithError(std::string(status.message()).c_str());
}

void ComputeMetric(benchmark::State& state, const std::string& metric, const std::string& group_by,
                   bool isolated = false) {
  const MetricEngine& engine = isolated ? *TheService().isolated_engine : *TheService().engine;
  const auto registered = TheService().registry.Find(metric);
  v1::ComputeMetricRequest request;
  request.set_metric(metric);
  request.set_period_start("2026-07-01");
  request.set_period_end("2026-10-01");
  request.set_time_zone("Asia/Shanghai");
  request.mutable_as_of()->set_seconds(kAsOfSeconds);
  if (registered->info().supports_series()) request.set_granularity(v1::GRANULARITY_MONTH);
  request.set_group_by(group_by);
  for (auto _ : state) {
    auto response = engine.Compute(request, absl::Now() + absl::Seconds(60));
    Check(state, response.status());
  }
}

v1::DashboardPeriod Quarter() {
  v1::DashboardPeriod period;
  period.set_period_start("2026-07-01");
  period.set_period_end("2026-10-01");
  period.set_time_zone("Asia/Shanghai");
  period.mutable_as_of()->set_seconds(kAsOfSeconds);
  return period;
}

template <typename Request, typename Compute>
void ComputeDashboard(benchmark::State& state, Compute compute) {
  Service& service = TheService();
  const DashboardEnv env{service.pool.get(), &service.registry, "CNY"};
  Request request;
  *request.mutable_period() = Quarter();
  for (auto _ : state) {
    const absl::Time now = absl::Now();
    Check(state, compute(env, request, now, now + absl::Seconds(60)).status());
  }
}

void RegisterAll() {
  for (const auto& metric : TheService().registry.List()) {
    const std::string id = metric->id();
    benchmark::RegisterBenchmark(("metric/" + id).c_str(), [id](benchmark::State& s) { ComputeMetric(s, id, ""); })
        ->Unit(benchmark::kMillisecond);
  }
  // The cost of isolation: the same metrics computed by a worker process.
  for (const std::string id : {"total_sales", "win_rate"}) {
    benchmark::RegisterBenchmark(("isolated/" + id).c_str(),
                                 [id](benchmark::State& s) { ComputeMetric(s, id, "", /*isolated=*/true); })
        ->Unit(benchmark::kMillisecond);
  }
  // A group-by runs a second, grouped pass.
  benchmark::RegisterBenchmark("metric/total_sales/by_region",
                               [](benchmark::State& s) { ComputeMetric(s, "total_sales", "region"); })
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("dashboard/sales_briefing", [](benchmark::State& s) {
    ComputeDashboard<v1::ComputeSalesBriefingRequest>(s, &ComputeSalesBriefing);
  })->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("dashboard/funnel", [](benchmark::State& s) {
    ComputeDashboard<v1::ComputeFunnelRequest>(s, &ComputeFunnel);
  })->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("dashboard/forecast", [](benchmark::State& s) {
    ComputeDashboard<v1::ComputeForecastRequest>(s, &ComputeForecast);
  })->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("dashboard/performance_collection", [](benchmark::State& s) {
    ComputeDashboard<v1::ComputePerformanceCollectionRequest>(s, &ComputePerformanceCollection);
  })->Unit(benchmark::kMillisecond);
  // Concurrent requests share the pool: throughput with 1..kPoolSize clients.
  benchmark::RegisterBenchmark("concurrent/win_rate", [](benchmark::State& s) { ComputeMetric(s, "win_rate", ""); })
      ->Unit(benchmark::kMillisecond)
      ->ThreadRange(1, kPoolSize)
      ->UseRealTime();
}

}  // namespace
}  // namespace salesmetrics

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  salesmetrics::RegisterAll();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
