// A bounded load test on loopback: the real server on demo data, clients
// computing a mix of metrics, dashboards and alert evaluations without
// pause, and WatchAlerts subscribers coming and going, for a fixed time
// (SALESMETRICS_LOAD_SECONDS, default 90; scripts/load-test.sh runs longer).
// It stops by itself and asserts: no error at all, and after the warm-up
// (the first quarter of the run) flat memory and flat file descriptors.
// It prints the figures docs/reliability.md reports.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "salesmetrics/v1/alerts.grpc.pb.h"
#include "salesmetrics/v1/dashboards.grpc.pb.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"
#include "tests/support/metric_test_env.h"
#include "tests/support/server_process.h"

namespace salesmetrics::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kClients = 6;
constexpr int kWatchers = 8;
constexpr int64_t kAsOfSeconds = 1790812800;  // 2026-10-01T00:00:00Z, the end of the demo data

absl::Duration RunTime() {
  const char* seconds = std::getenv("SALESMETRICS_LOAD_SECONDS");
  return absl::Seconds(seconds != nullptr ? std::atoi(seconds) : 90);
}

// One request of the mix, as a call that returns its status.
using Call = std::function<grpc::Status(grpc::ClientContext*)>;

std::vector<std::pair<std::string, Call>> Mix(const std::shared_ptr<grpc::Channel>& channel) {
  auto metrics = std::shared_ptr<v1::MetricsService::Stub>(v1::MetricsService::NewStub(channel));
  auto dashboards = std::shared_ptr<v1::DashboardService::Stub>(v1::DashboardService::NewStub(channel));
  auto alerts = std::shared_ptr<v1::AlertService::Stub>(v1::AlertService::NewStub(channel));
  std::vector<std::pair<std::string, Call>> mix;
  const auto metric = [&](const std::string& id, v1::Granularity granularity, const std::string& group_by) {
    v1::ComputeMetricRequest request = Request(id)
                                           .Period("2026-07-01", "2026-10-01")
                                           .TimeZone("Asia/Shanghai")
                                           .AsOf("2026-10-01T00:00:00Z")
                                           .Granularity(granularity);
    if (!group_by.empty()) request.set_group_by(group_by);
    mix.emplace_back("metric/" + id + (group_by.empty() ? "" : "/by_" + group_by),
                     [metrics, request](grpc::ClientContext* context) {
                       v1::ComputeMetricResponse response;
                       return metrics->ComputeMetric(context, request, &response);
                     });
  };
  metric("total_sales", v1::GRANULARITY_MONTH, "");
  metric("total_sales", v1::GRANULARITY_UNSPECIFIED, "region");
  metric("win_rate", v1::GRANULARITY_MONTH, "");
  metric("mql_to_sql_rate", v1::GRANULARITY_UNSPECIFIED, "");
  metric("sales_cycle_days", v1::GRANULARITY_UNSPECIFIED, "");
  metric("lost_reasons", v1::GRANULARITY_UNSPECIFIED, "");
  metric("sales_per_rep", v1::GRANULARITY_MONTH, "");
  metric("ltv_cac_ratio", v1::GRANULARITY_UNSPECIFIED, "");
  metric("top_opportunities", v1::GRANULARITY_UNSPECIFIED, "");
  v1::DashboardPeriod period;
  period.set_period_start("2026-07-01");
  period.set_period_end("2026-10-01");
  period.set_time_zone("Asia/Shanghai");
  period.mutable_as_of()->set_seconds(kAsOfSeconds);
  const auto dashboard = [&](const std::string& name, auto method, auto request, auto response) {
    *request.mutable_period() = period;
    mix.emplace_back("dashboard/" + name, [dashboards, method, request, response](grpc::ClientContext* context) {
      auto answer = response;
      return ((*dashboards).*method)(context, request, &answer);
    });
  };
  dashboard("briefing", &v1::DashboardService::Stub::ComputeSalesBriefing, v1::ComputeSalesBriefingRequest(),
            v1::ComputeSalesBriefingResponse());
  dashboard("funnel", &v1::DashboardService::Stub::ComputeFunnel, v1::ComputeFunnelRequest(),
            v1::ComputeFunnelResponse());
  dashboard("forecast", &v1::DashboardService::Stub::ComputeForecast, v1::ComputeForecastRequest(),
            v1::ComputeForecastResponse());
  dashboard("performance_collection", &v1::DashboardService::Stub::ComputePerformanceCollection,
            v1::ComputePerformanceCollectionRequest(), v1::ComputePerformanceCollectionResponse());
  mix.emplace_back("alerts/evaluate", [alerts](grpc::ClientContext* context) {
    v1::EvaluateAlertsRequest request;
    request.mutable_as_of()->set_seconds(kAsOfSeconds);
    v1::EvaluateAlertsResponse response;
    return alerts->EvaluateAlerts(context, request, &response);
  });
  mix.emplace_back("metrics/list", [metrics](grpc::ClientContext* context) {
    v1::ListMetricsResponse response;
    return metrics->ListMetrics(context, v1::ListMetricsRequest(), &response);
  });
  return mix;
}

struct Sample {
  absl::Time at;
  int64_t rss_kib;
  int files;
};

TEST(BoundedLoadTest, MixedLoadHasNoErrorsAndFlatResources) {
  const fs::path dir = fs::temp_directory_path() / absl::StrCat("load_", getpid());
  fs::create_directories(dir);
  const std::string db = absl::StrCat("sqlite3://", (dir / "demo.db").string());
  ASSERT_EQ(std::system(absl::StrCat(SALESMETRICS_ADMIN_BINARY, " demo-data --database=", db, " 2>/dev/null").c_str()),
            0);
  {
    std::ofstream(dir / "alerts.textproto") << "evaluation_interval_seconds: 2\n";
  }
  PluginDirectory plugins;
  auto server = ServerProcess::Start(SALESMETRICS_SERVER_BINARY,
                                     {"--database=" + db, "--plugin_dir=" + plugins.path().string(),
                                      "--alerts_config=" + (dir / "alerts.textproto").string(),
                                      // Full within the warm-up: memory stays flat only once it is.
                                      "--result_cache_mb=1"});
  ASSERT_TRUE(server.ok()) << server.status();
  auto channel = grpc::CreateChannel((*server)->address(), grpc::InsecureChannelCredentials());
  const auto mix = Mix(channel);

  const absl::Duration run_time = RunTime();
  const absl::Time start = absl::Now();
  const absl::Time end = start + run_time;
  absl::Mutex mu;
  std::map<std::string, std::vector<double>> latencies_ms;
  std::vector<std::string> errors;
  int64_t streams = 0, events = 0;
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      std::mt19937 random(c);
      while (absl::Now() < end) {
        const auto& [name, call] = mix[random() % mix.size()];
        grpc::ClientContext context;
        context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
        const absl::Time sent = absl::Now();
        const grpc::Status status = call(&context);
        absl::MutexLock lock(&mu);
        latencies_ms[name].push_back(absl::ToDoubleMilliseconds(absl::Now() - sent));
        if (!status.ok()) errors.push_back(absl::StrCat(name, ": ", status.error_code(), " ", status.error_message()));
      }
    });
  }
  for (int w = 0; w < kWatchers; ++w) {
    threads.emplace_back([&, w] {
      std::mt19937 random(100 + w);
      auto stub = v1::AlertService::NewStub(channel);
      while (absl::Now() < end) {
        grpc::ClientContext context;
        auto reader = stub->WatchAlerts(&context, v1::WatchAlertsRequest());
        const absl::Time until = absl::Now() + absl::Milliseconds(1000 + random() % 4000);
        std::thread canceller([&] {
          absl::SleepFor(until - absl::Now());
          context.TryCancel();
        });
        v1::WatchAlertsResponse event;
        int64_t read = 0;
        while (reader->Read(&event)) ++read;
        canceller.join();
        const grpc::Status status = reader->Finish();
        absl::MutexLock lock(&mu);
        ++streams;
        events += read;
        if (!status.ok() && status.error_code() != grpc::StatusCode::CANCELLED) {
          errors.push_back(absl::StrCat("WatchAlerts: ", status.error_code(), " ", status.error_message()));
        }
      }
    });
  }
  std::vector<Sample> samples;
  while (absl::Now() < end) {
    samples.push_back({absl::Now(), (*server)->RssKib(), (*server)->OpenFiles()});
    absl::SleepFor(absl::Seconds(2));
  }
  for (std::thread& t : threads) t.join();
  samples.push_back({absl::Now(), (*server)->RssKib(), (*server)->OpenFiles()});

  // The figures.
  int64_t requests = 0;
  std::cout << "load: " << absl::FormatDuration(run_time) << ", " << kClients << " clients, " << kWatchers
            << " WatchAlerts subscribers (" << streams << " streams, " << events << " events)\n";
  for (auto& [name, ms] : latencies_ms) {
    std::sort(ms.begin(), ms.end());
    requests += static_cast<int64_t>(ms.size());
    std::cout << "  " << name << ": " << ms.size() << " requests, p50 " << ms[ms.size() / 2] << " ms, p99 "
              << ms[ms.size() * 99 / 100] << " ms\n";
  }
  const absl::Time warm = start + run_time / 4;
  const auto after_warm_up = std::find_if(samples.begin(), samples.end(), [&](const Sample& s) { return s.at >= warm; });
  ASSERT_NE(after_warm_up, samples.end());
  int64_t max_rss = 0;
  int max_files = 0, min_files = after_warm_up->files;
  for (auto s = after_warm_up; s != samples.end(); ++s) {
    max_rss = std::max(max_rss, s->rss_kib);
    max_files = std::max(max_files, s->files);
    min_files = std::min(min_files, s->files);
  }
  std::cout << "  " << requests << " requests, " << errors.size() << " errors; RSS " << samples.front().rss_kib
            << " KiB at start, " << after_warm_up->rss_kib << " KiB after the warm-up, at most " << max_rss
            << " KiB after it, " << samples.back().rss_kib << " KiB at the end; open files " << min_files << " to "
            << max_files << " after the warm-up\n";

  EXPECT_TRUE(errors.empty()) << errors.size() << " errors, the first: " << errors.front();
  EXPECT_GT(requests, 100);
  EXPECT_GT(streams, kWatchers);
  // Flat: after the warm-up, memory grows by less than a tenth (allocator
  // noise), open files by no more than the streams and calls in flight.
  EXPECT_LT(max_rss, after_warm_up->rss_kib * 11 / 10) << "memory grew after the warm-up";
  EXPECT_LE(max_files - min_files, 8) << "file descriptors grew after the warm-up";
  EXPECT_EQ((*server)->Stop(), 0) << (*server)->Log().substr(0, 2000);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace salesmetrics::testing
