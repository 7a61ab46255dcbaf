// How the CLI connects to the server: plaintext or TLS (the server verified
// with a CA bundle, optionally a client certificate for mutual TLS), and the
// bearer token every call carries. Reads the files the flags name.
#ifndef SALESMETRICS_CLIENTS_CLI_CONNECTION_OPTIONS_H_
#define SALESMETRICS_CLIENTS_CLI_CONNECTION_OPTIONS_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace salesmetrics::cli {

// The flags as given: paths, "" when not given.
struct ConnectionFlags {
  std::string tls_ca_file;
  std::string tls_cert_file;
  std::string tls_key_file;
  std::string tls_server_name;
  std::string token_file;
};

// PEM contents; a client certificate and its key come together.
struct TlsOptions {
  std::string ca_certificates;
  std::string client_certificate;
  std::string client_key;
  std::string server_name;  // "": the host of the target
};

struct ConnectionOptions {
  std::optional<TlsOptions> tls;  // unset: plaintext
  std::string token;              // "": none
};

// Reads the files `flags` name. The token comes from --token_file, else from
// `token_from_environment` ($SALESMETRICS_TOKEN; null or "" when unset),
// without surrounding white space. Fails with INVALID_ARGUMENT when the flags
// do not go together (TLS options without --tls_ca_file, a certificate
// without its key) or the token is not one, and with the flag and the
// reason when a file cannot be read. No message quotes the token.
absl::StatusOr<ConnectionOptions> LoadConnectionOptions(const ConnectionFlags& flags,
                                                        const char* token_from_environment);

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_CONNECTION_OPTIONS_H_
