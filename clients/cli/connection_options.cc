#include "clients/cli/connection_options.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <tuple>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace salesmetrics::cli {
namespace {

// The whole file that `flag` names; the error names the flag, the path and why.
absl::StatusOr<std::string> ReadFlagFile(absl::string_view flag, const std::string& path) {
  int error = 0;
  if (std::FILE* file = std::fopen(path.c_str(), "rb"); file != nullptr) {
    std::string contents;
    char buffer[4096];
    for (size_t read; (read = std::fread(buffer, 1, sizeof buffer, file)) > 0;) contents.append(buffer, read);
    error = std::ferror(file) != 0 ? errno : 0;
    std::fclose(file);
    if (error == 0) return contents;
  } else {
    error = errno;
  }
  return absl::NotFoundError(absl::StrCat("--", flag, ": cannot read ", path, ": ", std::strerror(error)));
}

// What goes after "Bearer " in an HTTP/2 header value: printable ASCII
// without spaces.
bool IsTokenText(absl::string_view token) {
  if (token.empty()) return false;
  for (const char c : token) {
    if (c <= ' ' || c > '~') return false;
  }
  return true;
}

// The token of --token_file, else of the environment; "" when neither.
absl::StatusOr<std::string> LoadToken(const std::string& token_file, const char* token_from_environment) {
  std::string token;
  std::string source = "--token_file";
  if (!token_file.empty()) {
    absl::StatusOr<std::string> contents = ReadFlagFile("token_file", token_file);
    if (!contents.ok()) return contents.status();
    token = *std::move(contents);
  } else if (token_from_environment != nullptr && *token_from_environment != '\0') {
    token = token_from_environment;
    source = "$SALESMETRICS_TOKEN";
  } else {
    return "";
  }
  absl::StripAsciiWhitespace(&token);
  if (!IsTokenText(token)) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": the token must be one word of printable ASCII characters (it is not shown)"));
  }
  return token;
}

absl::StatusOr<std::optional<TlsOptions>> LoadTlsOptions(const ConnectionFlags& flags) {
  if (flags.tls_cert_file.empty() != flags.tls_key_file.empty()) {
    return absl::InvalidArgumentError("--tls_cert_file and --tls_key_file go together");
  }
  if (flags.tls_ca_file.empty()) {
    if (!flags.tls_cert_file.empty() || !flags.tls_server_name.empty()) {
      return absl::InvalidArgumentError(
          "--tls_cert_file, --tls_key_file and --tls_server_name need --tls_ca_file (which turns TLS on)");
    }
    return std::nullopt;
  }
  TlsOptions tls{.server_name = flags.tls_server_name};
  for (auto [flag, path, contents] : {std::tuple("tls_ca_file", &flags.tls_ca_file, &tls.ca_certificates),
                                      std::tuple("tls_cert_file", &flags.tls_cert_file, &tls.client_certificate),
                                      std::tuple("tls_key_file", &flags.tls_key_file, &tls.client_key)}) {
    if (path->empty()) continue;
    absl::StatusOr<std::string> read = ReadFlagFile(flag, *path);
    if (!read.ok()) return read.status();
    *contents = *std::move(read);
  }
  return tls;
}

}  // namespace

absl::StatusOr<ConnectionOptions> LoadConnectionOptions(const ConnectionFlags& flags,
                                                        const char* token_from_environment) {
  absl::StatusOr<std::optional<TlsOptions>> tls = LoadTlsOptions(flags);
  if (!tls.ok()) return tls.status();
  absl::StatusOr<std::string> token = LoadToken(flags.token_file, token_from_environment);
  if (!token.ok()) return token.status();
  return ConnectionOptions{.tls = *std::move(tls), .token = *std::move(token)};
}

}  // namespace salesmetrics::cli
