// OpenChannel against a server of the test's own, in plaintext, TLS and
// mutual TLS, with the throwaway certificates of
// tests/support/make-test-certificates.sh: what the server sees of the
// token and of the client certificate, and the connections that must fail.
#include "clients/cli/channel.h"

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"

namespace salesmetrics::cli {
namespace {

namespace v1 = salesmetrics::v1;

// Answers ListMetrics with one metric whose name is the call's authorization
// metadata and whose description is the client certificate's common name.
class EchoCredentialsService final : public v1::MetricsService::Service {
  grpc::Status ListMetrics(grpc::ServerContext* context, const v1::ListMetricsRequest* /*request*/,
                           v1::ListMetricsResponse* response) override {
    v1::Metric* echo = response->add_metrics();
    const auto authorization = context->client_metadata().find("authorization");
    if (authorization != context->client_metadata().end()) {
      echo->set_name(std::string(authorization->second.data(), authorization->second.size()));
    }
    for (const grpc::string_ref& name : context->auth_context()->FindPropertyValues("x509_common_name")) {
      echo->set_description(std::string(name.data(), name.size()));
    }
    return grpc::Status::OK;
  }
};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

class ChannelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    certificates_ = std::filesystem::path(::testing::TempDir()) / absl::StrCat("certificates_", getpid());
    const std::string command = absl::StrCat(MAKE_TEST_CERTIFICATES, " ", certificates_.string());
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(certificates_); }

  ~ChannelTest() override {
    if (server_ != nullptr) server_->Shutdown();
  }

  static std::string Pem(const std::string& name) { return ReadFile(certificates_ / name); }

  // Starts the server on a free loopback port: plaintext, TLS, or TLS that
  // requires a client certificate the test CA signed.
  enum class Transport { kPlaintext, kTls, kMutualTls };
  void StartServer(Transport transport) {
    std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials();
    if (transport != Transport::kPlaintext) {
      grpc::SslServerCredentialsOptions tls(transport == Transport::kMutualTls
                                                ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
                                                : GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
      tls.pem_root_certs = Pem("ca.pem");
      tls.pem_key_cert_pairs.push_back({.private_key = Pem("server.key"), .cert_chain = Pem("server.pem")});
      credentials = grpc::SslServerCredentials(tls);
    }
    int port = 0;
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", credentials, &port);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    target_ = absl::StrCat("127.0.0.1:", port);
  }

  // ListMetrics over OpenChannel(options); the echo in `echo`.
  grpc::Status Call(const ConnectionOptions& options, v1::Metric* echo = nullptr) {
    auto stub = v1::MetricsService::NewStub(OpenChannel(target_, options));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::ListMetricsResponse response;
    grpc::Status status = stub->ListMetrics(&context, v1::ListMetricsRequest(), &response);
    if (echo != nullptr && status.ok() && response.metrics_size() == 1) *echo = response.metrics(0);
    return status;
  }

  // What the server echoes of a call that must succeed.
  v1::Metric Echo(const ConnectionOptions& options) {
    v1::Metric echo;
    const grpc::Status status = Call(options, &echo);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return echo;
  }

  // The test CA (or another), and the client certificate if asked for.
  static TlsOptions Tls(const std::string& ca_file = "ca.pem", bool client_certificate = false) {
    TlsOptions tls{.ca_certificates = Pem(ca_file)};
    if (client_certificate) {
      tls.client_certificate = Pem("client.pem");
      tls.client_key = Pem("client.key");
    }
    return tls;
  }

  static inline std::filesystem::path certificates_;
  EchoCredentialsService service_;
  std::unique_ptr<grpc::Server> server_;
  std::string target_;
};

TEST_F(ChannelTest, PlaintextWithoutATokenSendsNoAuthorization) {
  StartServer(Transport::kPlaintext);
  EXPECT_EQ(Echo({}).name(), "");
}

TEST_F(ChannelTest, ATokenGoesInPlaintextToALoopbackServer) {
  StartServer(Transport::kPlaintext);
  EXPECT_EQ(Echo({.token = "s3cr3t"}).name(), "Bearer s3cr3t");
}

TEST_F(ChannelTest, TlsVerifiesTheServerAndCarriesTheToken) {
  StartServer(Transport::kTls);
  const v1::Metric echo = Echo({.tls = Tls(), .token = "s3cr3t"});
  EXPECT_EQ(echo.name(), "Bearer s3cr3t");
  EXPECT_EQ(echo.description(), "");
}

TEST_F(ChannelTest, AServerCertificateFromAnotherCaFailsToConnect) {
  StartServer(Transport::kTls);
  EXPECT_EQ(Call({.tls = Tls("other-ca.pem"), .token = "s3cr3t"}).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(ChannelTest, TheServerNameOverrideIsTheNameVerified) {
  StartServer(Transport::kTls);
  TlsOptions tls = Tls();
  tls.server_name = "localhost";
  EXPECT_TRUE(Call({.tls = tls}).ok());
  tls.server_name = "elsewhere.test";
  EXPECT_EQ(Call({.tls = tls}).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(ChannelTest, MutualTlsPresentsTheClientCertificate) {
  StartServer(Transport::kMutualTls);
  const v1::Metric echo = Echo({.tls = Tls("ca.pem", /*client_certificate=*/true)});
  EXPECT_EQ(echo.description(), "reporting.acme.test");
  EXPECT_EQ(echo.name(), "");
}

TEST_F(ChannelTest, MutualTlsWithoutAClientCertificateFailsToConnect) {
  StartServer(Transport::kMutualTls);
  EXPECT_EQ(Call({.tls = Tls()}).error_code(), grpc::StatusCode::UNAVAILABLE);
}

}  // namespace
}  // namespace salesmetrics::cli
