#include "server/transport/server_transport.h"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <grpcpp/security/tls_credentials_options.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "core/util/text_proto_file.h"

namespace salesmetrics {
namespace {

// gRPC's file watcher checks the copies this often (its minimum).
constexpr unsigned kRefreshSeconds = 1;

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using Bio = std::unique_ptr<BIO, BioFree>;

Bio ReadOnlyBio(const std::string& pem) { return Bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))); }

// What is wrong with the key and certificate pair, or "".
std::string CheckKeyPair(const std::string& cert_pem, const std::string& key_pem) {
  Bio cert_bio = ReadOnlyBio(cert_pem);
  X509* cert = PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr);
  if (cert == nullptr) return "tls_cert_file holds no PEM certificate";
  Bio key_bio = ReadOnlyBio(key_pem);
  EVP_PKEY* key = PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr);
  std::string problem;
  if (key == nullptr) {
    problem = "tls_key_file holds no PEM private key (or an encrypted one)";
  } else if (X509_check_private_key(cert, key) != 1) {
    problem = "tls_key_file is not the key of the certificate in tls_cert_file";
  }
  EVP_PKEY_free(key);
  X509_free(cert);
  return problem;
}

bool HoldsCertificate(const std::string& pem) {
  Bio bio = ReadOnlyBio(pem);
  X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
  X509_free(cert);
  return cert != nullptr;
}

// An unnamed file in memory holding `contents`.
absl::StatusOr<int> MemoryFile(const std::string& contents) {
  const int fd = memfd_create("salesmetrics-tls", MFD_CLOEXEC);
  if (fd < 0) return absl::InternalError(absl::StrCat("memfd_create: ", std::strerror(errno)));
  for (size_t written = 0; written < contents.size();) {
    const ssize_t n = write(fd, contents.data() + written, contents.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = errno;
      close(fd);
      return absl::InternalError(absl::StrCat("writing a certificate copy: ", std::strerror(error)));
    }
    written += static_cast<size_t>(n);
  }
  return fd;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ServerTransport>> ServerTransport::Create(
    const salesmetrics::server::ServerConfig& config) {
  std::unique_ptr<ServerTransport> transport(new ServerTransport());
  if (config.tls_cert_file().empty()) {
    transport->credentials_ = grpc::InsecureServerCredentials();
    return transport;
  }
  transport->cert_file_ = config.tls_cert_file();
  transport->key_file_ = config.tls_key_file();
  transport->ca_file_ = config.tls_client_ca_file();
  transport->client_certificate_optional_ = config.tls_client_certificate_optional();
  if (absl::Status loaded = transport->Reload(); !loaded.ok()) return loaded;

  const bool verify_clients = !transport->ca_file_.empty();
  if (verify_clients) {
    transport->provider_ = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
        transport->key_.path, transport->cert_.path, transport->ca_.path, kRefreshSeconds);
  } else {
    transport->provider_ = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
        transport->key_.path, transport->cert_.path, kRefreshSeconds);
  }
  grpc::experimental::TlsServerCredentialsOptions options(transport->provider_);
  options.watch_identity_key_cert_pairs();
  if (verify_clients) {
    options.watch_root_certs();
    options.set_cert_request_type(transport->client_certificate_optional_
                                      ? GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY
                                      : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  } else {
    options.set_cert_request_type(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  }
  transport->credentials_ = grpc::experimental::TlsServerCredentials(options);
  return transport;
}

ServerTransport::~ServerTransport() {
  for (const Copy* copy : {&cert_, &key_, &ca_}) {
    if (copy->fd >= 0) close(copy->fd);
  }
}

std::string ServerTransport::Describe() const {
  if (!tls()) return "plaintext";
  if (ca_file_.empty()) return "TLS";
  return client_certificate_optional_ ? "TLS, verifying client certificates when presented"
                                      : "TLS with client certificates (mTLS)";
}

absl::Status ServerTransport::Reload() {
  if (!tls()) return absl::OkStatus();
  absl::StatusOr<std::string> cert = ReadFile(cert_file_);
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key = ReadFile(key_file_);
  if (!key.ok()) return key.status();
  if (std::string problem = CheckKeyPair(*cert, *key); !problem.empty()) return absl::InvalidArgumentError(problem);
  std::string ca;
  if (!ca_file_.empty()) {
    absl::StatusOr<std::string> read = ReadFile(ca_file_);
    if (!read.ok()) return read.status();
    if (!HoldsCertificate(*read)) return absl::InvalidArgumentError("tls_client_ca_file holds no PEM certificate");
    ca = *std::move(read);
  }
  std::vector<std::pair<Copy*, const std::string*>> copies = {{&key_, &*key}, {&cert_, &*cert}};
  if (!ca_file_.empty()) copies.push_back({&ca_, &ca});
  return Install(copies);
}

absl::Status ServerTransport::Install(const std::vector<std::pair<Copy*, const std::string*>>& copies) {
  // Every new copy is written before any is swapped in, so that a failure
  // leaves the current ones as they are.
  std::vector<int> fds;
  const auto close_all = [&fds](size_t from) {
    for (size_t i = from; i < fds.size(); ++i) close(fds[i]);
  };
  for (const auto& [copy, contents] : copies) {
    absl::StatusOr<int> fd = MemoryFile(*contents);
    if (!fd.ok()) {
      close_all(0);
      return fd.status();
    }
    fds.push_back(*fd);
  }
  // Each dup3 is atomic: its path names the new contents from now on. A
  // pair gRPC reads while they change is read again (it compares the files'
  // modification times before and after).
  for (size_t i = 0; i < copies.size(); ++i) {
    Copy& copy = *copies[i].first;
    if (copy.fd < 0) {
      copy.fd = fds[i];
      copy.path = absl::StrCat("/proc/self/fd/", fds[i]);
      continue;
    }
    const int replaced = dup3(fds[i], copy.fd, O_CLOEXEC);
    const int error = errno;
    close(fds[i]);
    if (replaced < 0) {
      close_all(i + 1);
      return absl::InternalError(absl::StrCat("dup3: ", std::strerror(error)));
    }
  }
  return absl::OkStatus();
}

}  // namespace salesmetrics
