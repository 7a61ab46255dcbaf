#include "tests/support/test_certificates.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace salesmetrics::testing {

absl::Status TestCertificates::Make() const {
  const std::string command = absl::StrCat(SALESMETRICS_MAKE_TEST_CERTIFICATES, " ", dir_, " >/dev/null 2>&1");
  if (std::system(command.c_str()) != 0) return absl::InternalError(absl::StrCat("failed: ", command));
  return absl::OkStatus();
}

std::string Contents(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace salesmetrics::testing
