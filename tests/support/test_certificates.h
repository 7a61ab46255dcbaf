// Throwaway certificates for TLS tests: those of
// tests/support/make-test-certificates.sh, made in a directory of the
// test's own.
#ifndef SALESMETRICS_TESTS_SUPPORT_TEST_CERTIFICATES_H_
#define SALESMETRICS_TESTS_SUPPORT_TEST_CERTIFICATES_H_

#include <string>

#include "absl/status/status.h"

namespace salesmetrics::testing {

class TestCertificates {
 public:
  explicit TestCertificates(std::string dir) : dir_(std::move(dir)) {}

  // Writes ca, server, client, other-ca, stranger and rotated (see the
  // script).
  absl::Status Make() const;

  std::string Pem(const std::string& name) const { return dir_ + "/" + name + ".pem"; }
  std::string Key(const std::string& name) const { return dir_ + "/" + name + ".key"; }

 private:
  std::string dir_;
};

// A file's contents ("" when it cannot be read).
std::string Contents(const std::string& path);

}  // namespace salesmetrics::testing

#endif  // SALESMETRICS_TESTS_SUPPORT_TEST_CERTIFICATES_H_
