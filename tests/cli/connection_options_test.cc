#include "clients/cli/connection_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"

namespace salesmetrics::cli {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

class ConnectionOptionsTest : public ::testing::Test {
 protected:
  ~ConnectionOptionsTest() override { std::filesystem::remove_all(dir_); }

  // A file in the test's own directory holding `contents`; its path.
  std::string File(const std::string& name, const std::string& contents) {
    std::filesystem::create_directories(dir_);
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << contents;
    return path;
  }

  std::filesystem::path dir_ = std::filesystem::path(::testing::TempDir()) / absl::StrCat("connection_", getpid());
};

TEST_F(ConnectionOptionsTest, NoFlagIsPlaintextWithoutAToken) {
  absl::StatusOr<ConnectionOptions> options = LoadConnectionOptions({}, nullptr);
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_FALSE(options->tls.has_value());
  EXPECT_EQ(options->token, "");
}

TEST_F(ConnectionOptionsTest, TheCaFileTurnsTlsOnAndTheFilesAreRead) {
  absl::StatusOr<ConnectionOptions> options =
      LoadConnectionOptions({.tls_ca_file = File("ca.pem", "CA"),
                             .tls_cert_file = File("client.pem", "CERT"),
                             .tls_key_file = File("client.key", "KEY"),
                             .tls_server_name = "metrics.internal"},
                            nullptr);
  ASSERT_TRUE(options.ok()) << options.status();
  ASSERT_TRUE(options->tls.has_value());
  EXPECT_EQ(options->tls->ca_certificates, "CA");
  EXPECT_EQ(options->tls->client_certificate, "CERT");
  EXPECT_EQ(options->tls->client_key, "KEY");
  EXPECT_EQ(options->tls->server_name, "metrics.internal");
}

TEST_F(ConnectionOptionsTest, ACertificateNeedsItsKeyAndTheKeyItsCertificate) {
  const std::string ca = File("ca.pem", "CA");
  for (const ConnectionFlags& flags : {ConnectionFlags{.tls_ca_file = ca, .tls_cert_file = File("c.pem", "CERT")},
                                       ConnectionFlags{.tls_ca_file = ca, .tls_key_file = File("c.key", "KEY")}}) {
    absl::StatusOr<ConnectionOptions> options = LoadConnectionOptions(flags, nullptr);
    EXPECT_EQ(options.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(options.status().message(), "--tls_cert_file and --tls_key_file go together");
  }
}

TEST_F(ConnectionOptionsTest, TlsOptionsWithoutTheCaFileAreRefused) {
  for (const ConnectionFlags& flags :
       {ConnectionFlags{.tls_cert_file = File("c.pem", "CERT"), .tls_key_file = File("c.key", "KEY")},
        ConnectionFlags{.tls_server_name = "localhost"}}) {
    absl::StatusOr<ConnectionOptions> options = LoadConnectionOptions(flags, nullptr);
    EXPECT_EQ(options.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(options.status().message(), HasSubstr("need --tls_ca_file"));
  }
}

TEST_F(ConnectionOptionsTest, AFileThatCannotBeReadIsNamedWithItsFlagAndWhy) {
  const std::string missing = (dir_ / "missing.pem").string();
  absl::StatusOr<ConnectionOptions> options = LoadConnectionOptions({.tls_ca_file = missing}, nullptr);
  EXPECT_EQ(options.status().message(),
            absl::StrCat("--tls_ca_file: cannot read ", missing, ": No such file or directory"));

  options = LoadConnectionOptions({.token_file = dir_.string()}, nullptr);
  EXPECT_THAT(options.status().message(), HasSubstr("--token_file: cannot read "));
}

TEST_F(ConnectionOptionsTest, TheTokenFileLosesItsSurroundingWhiteSpaceAndWinsOverTheEnvironment) {
  absl::StatusOr<ConnectionOptions> options =
      LoadConnectionOptions({.token_file = File("token", "  s3cr3t-T0ken_~+/=\n")}, "from-environment");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->token, "s3cr3t-T0ken_~+/=");
}

TEST_F(ConnectionOptionsTest, WithoutATokenFileTheTokenComesFromTheEnvironment) {
  absl::StatusOr<ConnectionOptions> options = LoadConnectionOptions({}, "from-environment");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->token, "from-environment");
  EXPECT_EQ(LoadConnectionOptions({}, "")->token, "");
}

TEST_F(ConnectionOptionsTest, ATokenThatIsNotOneWordIsRefusedWithoutBeingShown) {
  for (const char* token : {"two words", "\n\t\n", "caf\xc3\xa9"}) {
    absl::StatusOr<ConnectionOptions> options = LoadConnectionOptions({.token_file = File("token", token)}, nullptr);
    EXPECT_EQ(options.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(options.status().message(),
                AllOf(HasSubstr("--token_file: the token must be"), Not(HasSubstr("words")), Not(HasSubstr("caf"))));
  }
  absl::StatusOr<ConnectionOptions> options = LoadConnectionOptions({}, "two words");
  EXPECT_THAT(options.status().message(), AllOf(HasSubstr("$SALESMETRICS_TOKEN: "), Not(HasSubstr("words"))));
}

}  // namespace
}  // namespace salesmetrics::cli
