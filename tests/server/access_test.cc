// Tokens, the credentials file, callers' allowances and row scopes.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/engine/request_limits.h"
#include "absl/time/clock.h"
#include "core/util/status_detail.h"
#include "server/access/caller.h"
#include "server/access/credentials.h"
#include "server/access/row_scope.h"
#include "server/access/token_hash.h"

namespace salesmetrics {
namespace {

namespace v1 = salesmetrics::v1;

const std::string kAbcDigest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";  // SHA-256("abc")

bool KnownTenant(const std::string& name) { return name == "acme" || name == "globex"; }

std::shared_ptr<const Credentials> Parse(const std::string& text) {
  auto credentials = Credentials::Parse(text, "creds.textproto", KnownTenant);
  EXPECT_TRUE(credentials.ok()) << credentials.status();
  return credentials.ok() ? *credentials : nullptr;
}

std::string Refusal(const std::string& text) {
  auto credentials = Credentials::Parse(text, "creds.textproto", KnownTenant);
  return credentials.ok() ? "accepted" : std::string(credentials.status().message());
}

Presented Token(const std::string& token) { return {.token = token, .sent_authorization = true}; }

TEST(TokenHashTest, HashesAndComparesLikeSha256) {
  EXPECT_EQ(Sha256Hex("abc"), kAbcDigest);
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  const std::string token = NewToken();
  EXPECT_EQ(token.size(), 43u);
  EXPECT_NE(token, NewToken());
}

TEST(CredentialsTest, RefusesABadFileNamingTheLineAndProblem) {
  EXPECT_EQ(Refusal("caller { name: \"a\" tenant: \"acme\" token_sha256: \"ABC\" }"),
            "creds.textproto:1: caller \"a\": token_sha256 must be 64 lowercase hex digits (a SHA-256)");
  EXPECT_EQ(Refusal("caller { name: \"a\" tenant: \"initech\" token_sha256: \"" + kAbcDigest + "\" }"),
            "creds.textproto:1: caller \"a\": tenant \"initech\" is not served");
  EXPECT_TRUE(absl::StrContains(Refusal("caller { name: \"a\" tenant: \"acme\" }"),
                                "has neither token_sha256 nor client_certificate_name"));
  EXPECT_TRUE(absl::StrContains(
      Refusal("caller { name: \"a\" tenant: \"acme\" token_sha256: \"" + kAbcDigest +
              "\" }\ncaller { name: \"b\" tenant: \"globex\" token_sha256: \"" + kAbcDigest + "\" }"),
      "creds.textproto:2: caller \"b\": shares a token with another caller"));
  EXPECT_TRUE(absl::StrContains(
      Refusal("caller { name: \"a\" tenant: \"acme\" client_certificate_name: \"x\" }\n"
              "caller { name: \"a\" tenant: \"acme\" client_certificate_name: \"y\" }"),
      "is named twice"));
  EXPECT_TRUE(absl::StrContains(
      Refusal("caller { name: \"a\" tenant: \"acme\" client_certificate_name: \"x\" allow_rpc: \"Metrics*\" }"),
      "is not \"*\", \"package.Service/*\" or \"package.Service/Method\""));
  EXPECT_TRUE(absl::StrContains(
      Refusal("caller { name: \"a\" tenant: \"acme\" client_certificate_name: \"x\" expire_time: \"tomorrow\" }"),
      "is not an RFC 3339 instant"));
  EXPECT_EQ(
      Refusal("caller { name: \"a\" tenant: \"acme\" client_certificate_name: \"x\" row_scope { dimension: \"r\" } }"),
      "creds.textproto:1: caller \"a\": row_scope dimension \"r\" is not a known dimension");
  EXPECT_EQ(
      Refusal("caller { name: \"a\" tenant: \"acme\" client_certificate_name: \"x\" row_scope { dimension: \"region\" } }"),
      "creds.textproto:1: caller \"a\": a row_scope needs 1 to 1000 values");
}

TEST(CredentialsTest, RefusesAFileBeyondItsLimits) {
  const std::string caller = "caller { name: \"a\" tenant: \"acme\" client_certificate_name: \"x\" ";
  EXPECT_EQ(Refusal("caller { name: \"" + std::string(kMaxCallerNameBytes + 1, 'n') + "\" }"),
            "creds.textproto:1: a caller needs a name of 1 to 128 bytes");
  std::string rpcs;
  for (int i = 0; i <= kMaxAllowedRpcs; ++i) rpcs += "allow_rpc: \"*\" ";
  EXPECT_EQ(Refusal(caller + rpcs + "}"), "creds.textproto:1: caller \"a\": has more than 64 allow_rpc");
  std::string scopes;
  for (int i = 0; i <= kMaxRowScopes; ++i) scopes += "row_scope { dimension: \"region\" values: \"east\" } ";
  EXPECT_EQ(Refusal(caller + scopes + "}"), "creds.textproto:1: caller \"a\": has more than 4 row_scope");
  EXPECT_EQ(Refusal(caller + "row_scope { dimension: \"region\" values: \"" + std::string(kMaxStringBytes + 1, 'v') +
                    "\" } }"),
            "creds.textproto:1: caller \"a\": a row_scope value is longer than 256 bytes");
  std::string callers;
  for (int i = 0; i <= kMaxCallers; ++i) {
    callers += absl::StrCat("caller { name: \"c", i, "\" tenant: \"acme\" client_certificate_name: \"c", i, "\" }\n");
  }
  EXPECT_EQ(Refusal(callers), "creds.textproto: has more than 10000 callers");
  callers.resize(callers.rfind("caller {"));
  EXPECT_EQ(Refusal(callers), "accepted");
}

TEST(CredentialsTest, AFileWithATokenDoesNotHoldTheToken) {
  // What the file holds is the digest; the token itself authenticates.
  auto credentials = Parse("caller { name: \"a\" tenant: \"acme\" token_sha256: \"" + kAbcDigest + "\" }");
  EXPECT_TRUE(credentials->Authenticate(Token("abc"), absl::Now()).ok());
  EXPECT_EQ(credentials->Authenticate(Token(kAbcDigest), absl::Now()).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST(CredentialsTest, RefusesUnknownRevokedAndExpiredCredentialsAlike) {
  auto credentials = Parse(
      "caller { name: \"ok\" tenant: \"acme\" token_sha256: \"" + Sha256Hex("ok") + "\" allow_rpc: \"*\" }\n"
      "caller { name: \"gone\" tenant: \"acme\" token_sha256: \"" + Sha256Hex("gone") + "\" revoked: true }\n"
      "caller { name: \"old\" tenant: \"acme\" token_sha256: \"" + Sha256Hex("old") +
      "\" expire_time: \"2020-01-01T00:00:00Z\" }\n"
      "caller { name: \"cert\" tenant: \"globex\" client_certificate_name: \"reports.globex.test\" }");
  auto ok = credentials->Authenticate(Token("ok"), absl::Now());
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)->name, "ok");
  EXPECT_EQ((*ok)->tenant, "acme");
  std::vector<absl::Status> refusals = {
      credentials->Authenticate(Token("nope"), absl::Now()).status(),
      credentials->Authenticate(Token("gone"), absl::Now()).status(),
      credentials->Authenticate(Token("old"), absl::Now()).status(),
      credentials->Authenticate(Presented{}, absl::Now()).status(),
      credentials->Authenticate({.sent_authorization = true}, absl::Now()).status(),
      credentials->Authenticate({.certificate_names = {"someone.else"}}, absl::Now()).status(),
  };
  for (const absl::Status& refusal : refusals) {
    EXPECT_EQ(refusal.code(), absl::StatusCode::kUnauthenticated);
    EXPECT_EQ(refusal.message(), refusals[0].message());
    EXPECT_FALSE(absl::StrContains(refusal.message(), "acme"));
  }
  EXPECT_EQ(LogDetailOf(refusals[1]), "caller gone is revoked");
  EXPECT_EQ(LogDetailOf(refusals[2]), "the credential of caller old has expired");
  // Before its expiry the same credential passes.
  EXPECT_TRUE(credentials->Authenticate(Token("old"), absl::FromUnixSeconds(1500000000)).ok());
  auto cert = credentials->Authenticate({.certificate_names = {"x", "reports.globex.test"}}, absl::Now());
  ASSERT_TRUE(cert.ok());
  EXPECT_EQ((*cert)->tenant, "globex");
  // A token, when sent, decides alone: a known certificate beside a bad
  // token does not pass.
  EXPECT_FALSE(credentials
                   ->Authenticate({.token = "nope", .sent_authorization = true,
                                   .certificate_names = {"reports.globex.test"}},
                                  absl::Now())
                   .ok());
}

TEST(CallerTest, MayCallWhatItsPatternsAllow) {
  Caller caller{.allowed_rpcs = {"salesmetrics.v1.MetricsService/*", "salesmetrics.v1.AlertService/EvaluateAlerts"}};
  EXPECT_TRUE(caller.MayCall("salesmetrics.v1.MetricsService/ComputeMetric"));
  EXPECT_TRUE(caller.MayCall("salesmetrics.v1.AlertService/EvaluateAlerts"));
  EXPECT_FALSE(caller.MayCall("salesmetrics.v1.AlertService/WatchAlerts"));
  EXPECT_FALSE(caller.MayCall("salesmetrics.v1.MetricsServiceX/ComputeMetric"));
  EXPECT_FALSE(caller.MayCall("grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"));
  EXPECT_FALSE(Caller{}.MayCall("salesmetrics.v1.MetricsService/ListMetrics"));
  EXPECT_TRUE(Caller{.allowed_rpcs = {"*"}}.MayCall("anything/At"));
  // Reloads act on every tenant: "*" does not grant them.
  EXPECT_FALSE(Caller{.allowed_rpcs = {"*"}}.MayCall("salesmetrics.v1.AdminService/ReloadMetrics"));
  EXPECT_TRUE(Caller{.allowed_rpcs = {"salesmetrics.v1.AdminService/*"}}.MayCall(
      "salesmetrics.v1.AdminService/ReloadMetrics"));
  EXPECT_TRUE(AnonymousCaller().MayCall("salesmetrics.v1.AdminService/ReloadMetrics"));
  caller.allowed_metrics = {"total_sales"};
  EXPECT_TRUE(caller.MayCompute("total_sales"));
  EXPECT_FALSE(caller.MayCompute("win_rate"));
  EXPECT_TRUE(Caller{}.MayCompute("win_rate"));
}

TEST(RowScopeTest, AddsTheScopeAndRefusesValuesOutsideIt) {
  const Caller caller{.row_scopes = {{"region", {"east", "north"}}}};
  google::protobuf::RepeatedPtrField<v1::Filter> filters;
  v1::Filter* product = filters.Add();
  product->set_dimension("product_line");
  product->add_values("cloud");
  ASSERT_TRUE(LimitToRowScopes(caller, &filters).ok());
  ASSERT_EQ(filters.size(), 2);
  EXPECT_EQ(filters[1].dimension(), "region");
  EXPECT_EQ(std::vector<std::string>(filters[1].values().begin(), filters[1].values().end()),
            (std::vector<std::string>{"east", "north"}));

  google::protobuf::RepeatedPtrField<v1::Filter> narrower;
  v1::Filter* region = narrower.Add();
  region->set_dimension("region");
  region->add_values("east");
  ASSERT_TRUE(LimitToRowScopes(caller, &narrower).ok());
  EXPECT_EQ(narrower.size(), 2);  // both hold: east only

  region->add_values("west");
  const absl::Status outside = LimitToRowScopes(caller, &narrower);
  EXPECT_EQ(outside.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(outside.message(), "filters[0]: \"west\" lies outside the caller's region scope");
}

}  // namespace
}  // namespace salesmetrics
