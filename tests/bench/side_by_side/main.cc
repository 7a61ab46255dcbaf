// The side-by-side benchmark: each case's figures computed by a running
// server (a real gRPC client, end to end) and by a hand-written SQL twin on
// the same database, first checked to be the same figures, then timed
// interleaved in one loop (each side first in every other round); prints
// the medians and the ratio.
//
//   salesmetrics_side_by_side --server=127.0.0.1:50051 --database=URL
//       --cases=tests/bench/side_by_side/cases.textproto --twins_dir=tests/bench/twins
//       [--rounds=5] [--filter=REGEX] [--dump]
//
// --dump prints each case's figures from both sides instead of timing them
// (to write a twin). scripts/side_by_side.sh makes the data and the server.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "core/db/database_url.h"
#include "google/protobuf/text_format.h"
#include "salesmetrics/v1/dashboards.grpc.pb.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"
#include "soci/postgresql/soci-postgresql.h"
#include "soci/sqlite3/soci-sqlite3.h"
#include "tests/bench/side_by_side/answer_keys.h"
#include "tests/bench/side_by_side/cases.pb.h"
#include "tests/bench/side_by_side/twin.h"

ABSL_FLAG(std::string, server, "127.0.0.1:50051", "host:port of the salesmetrics server");
ABSL_FLAG(std::string, database, "", "the database the server reads, for the twins");
ABSL_FLAG(std::string, cases, "tests/bench/side_by_side/cases.textproto", "the cases");
ABSL_FLAG(std::string, twins_dir, "tests/bench/twins", "the twins' SQL");
ABSL_FLAG(int32_t, rounds, 5, "timed rounds; the medians are printed");
ABSL_FLAG(std::string, filter, "", "only the cases whose name this regular expression matches (partially)");
ABSL_FLAG(bool, dump, false, "print each case's figures from both sides instead of timing them");

namespace salesmetrics::bench {
namespace {

namespace pb = google::protobuf;
namespace v1 = salesmetrics::v1;
using Clock = std::chrono::steady_clock;

class Service {
 public:
  explicit Service(const std::string& target)
      : channel_(grpc::CreateChannel(target, grpc::InsecureChannelCredentials())),
        metrics_(v1::MetricsService::NewStub(channel_)),
        dashboards_(v1::DashboardService::NewStub(channel_)) {}

  // Calls the RPC the request is for; the answer, or why there is none.
  absl::StatusOr<std::unique_ptr<pb::Message>> Call(const pb::Any& request) {
    if (request.Is<v1::ComputeMetricRequest>()) {
      return Unary<v1::ComputeMetricRequest, v1::ComputeMetricResponse>(request, [&](auto* c, auto& q, auto* a) {
        return metrics_->ComputeMetric(c, q, a);
      });
    }
    if (request.Is<v1::ComputeSalesBriefingRequest>()) {
      return Unary<v1::ComputeSalesBriefingRequest, v1::ComputeSalesBriefingResponse>(
          request, [&](auto* c, auto& q, auto* a) { return dashboards_->ComputeSalesBriefing(c, q, a); });
    }
    if (request.Is<v1::ComputeFunnelRequest>()) {
      return Unary<v1::ComputeFunnelRequest, v1::ComputeFunnelResponse>(
          request, [&](auto* c, auto& q, auto* a) { return dashboards_->ComputeFunnel(c, q, a); });
    }
    if (request.Is<v1::ComputeForecastRequest>()) {
      return Unary<v1::ComputeForecastRequest, v1::ComputeForecastResponse>(
          request, [&](auto* c, auto& q, auto* a) { return dashboards_->ComputeForecast(c, q, a); });
    }
    if (request.Is<v1::ComputePerformanceCollectionRequest>()) {
      return Unary<v1::ComputePerformanceCollectionRequest, v1::ComputePerformanceCollectionResponse>(
          request, [&](auto* c, auto& q, auto* a) { return dashboards_->ComputePerformanceCollection(c, q, a); });
    }
    return absl::InvalidArgumentError("not a request this benchmark knows: " + request.type_url());
  }

 private:
  template <typename Request, typename Response, typename Rpc>
  absl::StatusOr<std::unique_ptr<pb::Message>> Unary(const pb::Any& any, Rpc rpc) {
    Request request;
    any.UnpackTo(&request);
    auto response = std::make_unique<Response>();
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(10));
    const grpc::Status status = rpc(&context, request, response.get());
    if (!status.ok()) return absl::UnknownError(absl::StrCat("service: ", status.error_message()));
    return response;
  }

  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::MetricsService::Stub> metrics_;
  std::unique_ptr<v1::DashboardService::Stub> dashboards_;
};

struct Timed {
  const Case* c;
  std::vector<std::string> twin;
  std::vector<double> service_ms, sql_ms;
};

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// Which figures differ, at most ten of them; empty when the two agree.
// Throws std::regex_error for a bad ignore pattern.
std::vector<std::string> Differences(const Case& c, const Figures& service, const Figures& twin) {
  std::vector<std::regex> ignore;
  for (const std::string& pattern : c.ignore()) ignore.emplace_back(pattern);
  auto ignored = [&](const std::string& key) {
    return std::any_of(ignore.begin(), ignore.end(), [&](const std::regex& r) { return std::regex_match(key, r); });
  };
  std::vector<std::string> out;
  for (const auto& [key, value] : service) {
    if (ignored(key)) continue;
    auto it = twin.find(key);
    if (it == twin.end()) {
      out.push_back(absl::StrCat(key, ": service ", value, ", twin has none"));
    } else if (!SameFigure(value, it->second)) {
      out.push_back(absl::StrCat(key, ": service ", value, ", twin ", it->second));
    }
  }
  for (const auto& [key, value] : twin) {
    if (!ignored(key) && !service.contains(key)) out.push_back(absl::StrCat(key, ": twin ", value, ", service has none"));
  }
  if (out.size() > 10) out.resize(10);
  return out;
}

void Dump(const Case& c, const Figures& service, const Figures& twin) {
  std::cout << "== " << c.name() << "\n";
  std::map<std::string, std::pair<std::string, std::string>> both;
  for (const auto& [k, v] : service) both[k].first = v;
  for (const auto& [k, v] : twin) both[k].second = v;
  for (const auto& [k, v] : both) {
    std::cout << absl::StrFormat("  %-60s %-24s %-24s%s\n", k, v.first, v.second,
                                 SameFigure(v.first, v.second) ? "" : "  <-");
  }
}

int Run() {
  if (absl::GetFlag(FLAGS_rounds) < 1) {
    std::cerr << "--rounds must be at least 1\n";
    return 2;
  }
  Cases cases;
  {
    std::ifstream in(absl::GetFlag(FLAGS_cases));
    std::stringstream text;
    text << in.rdbuf();
    if (!in || !pb::TextFormat::ParseFromString(text.str(), &cases)) {
      std::cerr << "cannot read the cases " << absl::GetFlag(FLAGS_cases) << "\n";
      return 2;
    }
  }
  auto url = ParseDatabaseUrl(absl::GetFlag(FLAGS_database));
  if (!url.ok()) {
    std::cerr << url.status() << "\n";
    return 2;
  }
  const std::string engine = url->backend == Backend::kSqlite ? "sqlite" : "postgresql";
  soci::session session;
  if (url->backend == Backend::kSqlite) {
    session.open(soci::sqlite3, "db=" + url->path + " readonly=1");
  } else {
    // SOCI reads a URL without a query string wrongly: give it one.
    session.open(soci::postgresql, url->conninfo + (url->conninfo.find('?') == std::string::npos ? "?" : "&") +
                                       "connect_timeout=10");
  }
  Service service(absl::GetFlag(FLAGS_server));

  // Every case once, on both sides: the figures must agree before any is timed.
  std::vector<Timed> timed;
  int failed = 0;
  std::regex filter;
  try {
    filter = std::regex(absl::GetFlag(FLAGS_filter));
  } catch (const std::regex_error& e) {
    std::cerr << "--filter is not a regular expression: " << e.what() << "\n";
    return 2;
  }
  for (const Case& c : cases.case_()) {
    if (!std::regex_search(c.name(), filter)) continue;
    auto statements = LoadTwin(absl::GetFlag(FLAGS_twins_dir), engine, c.twin(),
                               std::map<std::string, std::string>(c.params().begin(), c.params().end()));
    auto answer = service.Call(c.request());
    auto twin = statements.ok() ? RunTwin(session, *statements) : statements.status();
    if (!answer.ok() || !twin.ok()) {
      std::cout << "FAILED " << c.name() << ": " << (answer.ok() ? twin.status() : answer.status()).message()
                << "\n";
      ++failed;
      continue;
    }
    const Figures figures = FiguresOf(**answer);
    if (absl::GetFlag(FLAGS_dump)) {
      Dump(c, figures, *twin);
      continue;
    }
    std::vector<std::string> differences;
    try {
      differences = Differences(c, figures, *twin);
    } catch (const std::regex_error& e) {
      differences = {absl::StrCat("an ignore pattern is not a regular expression: ", e.what())};
    }
    if (!differences.empty()) {
      std::cout << "FAILED " << c.name() << ": the twin's figures differ\n";
      for (const std::string& d : differences) std::cout << "    " << d << "\n";
      ++failed;
      continue;
    }
    timed.push_back({&c, *statements, {}, {}});
  }
  if (absl::GetFlag(FLAGS_dump)) return failed ? 1 : 0;

  for (int round = 0; round < absl::GetFlag(FLAGS_rounds); ++round) {
    for (Timed& t : timed) {
      absl::Status answered, twinned;
      const auto time_service = [&] {
        const Clock::time_point start = Clock::now();
        answered = service.Call(t.c->request()).status();
        t.service_ms.push_back(Ms(Clock::now() - start));
      };
      const auto time_twin = [&] {
        const Clock::time_point start = Clock::now();
        twinned = RunTwin(session, t.twin).status();
        t.sql_ms.push_back(Ms(Clock::now() - start));
      };
      // Whichever runs second finds the pages the first read in the cache:
      // each goes first in every other round.
      if (round % 2 == 0) {
        time_service();
        time_twin();
      } else {
        time_twin();
        time_service();
      }
      if (!answered.ok() || !twinned.ok()) {
        std::cout << "FAILED " << t.c->name() << " in round " << round + 1 << ": "
                  << (answered.ok() ? twinned : answered).message() << "\n";
        return 1;
      }
    }
  }
  std::cout << absl::StrFormat("%-52s %12s %12s %8s\n", "case (" + engine + ")", "service ms", "SQL ms", "ratio");
  for (const Timed& t : timed) {
    const double service_ms = Median(t.service_ms), sql_ms = Median(t.sql_ms);
    std::cout << absl::StrFormat("%-52s %12.2f %12.2f %7.2fx\n", t.c->name(), service_ms, sql_ms,
                                 service_ms / sql_ms);
  }
  if (failed) std::cout << failed << " case(s) failed: their figures were not compared or timed\n";
  return failed ? 1 : 0;
}

}  // namespace
}  // namespace salesmetrics::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return salesmetrics::bench::Run();
}
