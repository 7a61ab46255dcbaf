// How the server's listener is secured: TLS from certificate files, with
// optional client-certificate verification (mTLS), or plaintext.
//
// The files are read at start and again on Reload (SIGHUP), checked (the
// key matches the certificate, the CA bundle holds certificates) and only
// then handed to gRPC, through in-memory copies that gRPC re-reads every
// second: new handshakes use the new certificate, open connections go on.
// A file half-written by a renewal tool is never read, and a bad one
// leaves the current certificate in place.
#ifndef SALESMETRICS_SERVER_TRANSPORT_SERVER_TRANSPORT_H_
#define SALESMETRICS_SERVER_TRANSPORT_SERVER_TRANSPORT_H_

#include <grpcpp/security/server_credentials.h>
#include <grpcpp/security/tls_certificate_provider.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "server/server_config.pb.h"

namespace salesmetrics {

class ServerTransport {
 public:
  static absl::StatusOr<std::unique_ptr<ServerTransport>> Create(const salesmetrics::server::ServerConfig& config);
  ~ServerTransport();

  bool tls() const { return !cert_file_.empty(); }
  // "TLS", "TLS with client certificates" or "plaintext", for the log.
  std::string Describe() const;
  std::shared_ptr<grpc::ServerCredentials> credentials() const { return credentials_; }

  // Rereads the files; on error the current ones stay in use.
  absl::Status Reload();

 private:
  // One file's in-memory copy, under a path that stays the same.
  struct Copy {
    int fd = -1;
    std::string path;  // /proc/self/fd/N
  };
  ServerTransport() = default;
  // Gives each copy its new contents (a copy without a file gets one).
  absl::Status Install(const std::vector<std::pair<Copy*, const std::string*>>& copies);

  std::string cert_file_, key_file_, ca_file_;
  bool client_certificate_optional_ = false;
  Copy cert_, key_, ca_;
  std::shared_ptr<grpc::experimental::CertificateProviderInterface> provider_;
  std::shared_ptr<grpc::ServerCredentials> credentials_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_TRANSPORT_SERVER_TRANSPORT_H_
