#include "tests/support/test_certificates.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace salesmetrics::testing {
namespace {

constexpr char kNewKey[] = "openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 ";

absl::Status Run(const std::string& command) {
  if (std::system((command + " >/dev/null 2>&1").c_str()) != 0) {
    return absl::InternalError(absl::StrCat("failed: ", command));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status TestCertificates::MakeAuthority(const std::string& name) const {
  return Run(absl::StrCat(kNewKey, "-x509 -keyout ", Key(name), " -out ", Pem(name), " -subj /CN=", name,
                          " -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign"));
}

absl::Status TestCertificates::Issue(const std::string& authority, const std::string& name,
                                     const std::string& common_name) const {
  const std::string request = absl::StrCat(dir_, "/", name, ".csr");
  const std::string extensions = absl::StrCat(dir_, "/", name, ".ext");
  std::ofstream(extensions) << "subjectAltName=DNS:localhost,IP:127.0.0.1,DNS:" << common_name
                            << "\nextendedKeyUsage=serverAuth,clientAuth\n";
  if (absl::Status s = Run(absl::StrCat(kNewKey, "-keyout ", Key(name), " -out ", request, " -subj /CN=", common_name));
      !s.ok()) {
    return s;
  }
  return Run(absl::StrCat("openssl x509 -req -days 2 -in ", request, " -CA ", Pem(authority), " -CAkey ",
                          Key(authority), " -CAcreateserial -out ", Pem(name), " -extfile ", extensions));
}

std::string Contents(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace salesmetrics::testing
