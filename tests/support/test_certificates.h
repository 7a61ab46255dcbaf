// Throwaway certificates for TLS tests, made with the openssl command in a
// directory of the test's own.
#ifndef SALESMETRICS_TESTS_SUPPORT_TEST_CERTIFICATES_H_
#define SALESMETRICS_TESTS_SUPPORT_TEST_CERTIFICATES_H_

#include <string>

#include "absl/status/status.h"

namespace salesmetrics::testing {

class TestCertificates {
 public:
  explicit TestCertificates(std::string dir) : dir_(std::move(dir)) {}

  // A self-signed CA: NAME.pem and NAME.key.
  absl::Status MakeAuthority(const std::string& name) const;
  // A certificate for `common_name` signed by `authority`, valid for
  // servers (localhost, 127.0.0.1) and clients: NAME.pem and NAME.key.
  absl::Status Issue(const std::string& authority, const std::string& name, const std::string& common_name) const;

  std::string Pem(const std::string& name) const { return dir_ + "/" + name + ".pem"; }
  std::string Key(const std::string& name) const { return dir_ + "/" + name + ".key"; }

 private:
  std::string dir_;
};

// A file's contents ("" when it cannot be read).
std::string Contents(const std::string& path);

}  // namespace salesmetrics::testing

#endif  // SALESMETRICS_TESTS_SUPPORT_TEST_CERTIFICATES_H_
