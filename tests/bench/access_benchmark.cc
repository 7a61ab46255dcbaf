// What authenticating a call costs: the token's SHA-256 and the
// constant-time comparison with every listed digest, or the search for a
// client certificate name, for credentials files of 10 to 10,000 callers.
//
//   build/tests/bench/salesmetrics_access_benchmark
#include <benchmark/benchmark.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/access/credentials.h"
#include "server/access/token_hash.h"

namespace salesmetrics {
namespace {

// `callers` callers, caller i with token "token-i" and certificate "cert-i".
std::shared_ptr<const Credentials> CredentialsOf(int callers) {
  std::string text;
  for (int i = 0; i < callers; ++i) {
    absl::StrAppend(&text, "caller { name: \"c", i, "\" tenant: \"acme\" token_sha256: \"",
                    Sha256Hex(absl::StrCat("token-", i)), "\" client_certificate_name: \"cert-", i,
                    "\" allow_rpc: \"*\" }\n");
  }
  auto credentials = Credentials::Parse(text, "bench", [](const std::string&) { return true; });
  if (!credentials.ok()) std::abort();
  return *credentials;
}

void BM_AuthenticateToken(benchmark::State& state) {
  const auto credentials = CredentialsOf(static_cast<int>(state.range(0)));
  const Presented presented{.token = absl::StrCat("token-", state.range(0) / 2), .sent_authorization = true};
  const absl::Time now = absl::Now();
  for (auto _ : state) benchmark::DoNotOptimize(credentials->Authenticate(presented, now));
}
BENCHMARK(BM_AuthenticateToken)->Arg(10)->Arg(1000)->Arg(10000);

void BM_AuthenticateCertificate(benchmark::State& state) {
  const auto credentials = CredentialsOf(static_cast<int>(state.range(0)));
  const Presented presented{.certificate_names = {absl::StrCat("cert-", state.range(0) / 2)}};
  const absl::Time now = absl::Now();
  for (auto _ : state) benchmark::DoNotOptimize(credentials->Authenticate(presented, now));
}
BENCHMARK(BM_AuthenticateCertificate)->Arg(10)->Arg(1000)->Arg(10000);

}  // namespace
}  // namespace salesmetrics

BENCHMARK_MAIN();
