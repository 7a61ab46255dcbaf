#include "clients/cli/channel.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

namespace salesmetrics::cli {
namespace {

std::shared_ptr<grpc::ChannelCredentials> TransportCredentials(const ConnectionOptions& options) {
  if (options.tls.has_value()) {
    return grpc::SslCredentials({.pem_root_certs = options.tls->ca_certificates,
                                 .pem_private_key = options.tls->client_key,
                                 .pem_cert_chain = options.tls->client_certificate});
  }
  if (!options.token.empty()) return grpc::experimental::LocalCredentials(LOCAL_TCP);
  return grpc::InsecureChannelCredentials();
}

}  // namespace

std::shared_ptr<grpc::Channel> OpenChannel(const std::string& target, const ConnectionOptions& options) {
  std::shared_ptr<grpc::ChannelCredentials> credentials = TransportCredentials(options);
  if (!options.token.empty()) {
    credentials = grpc::CompositeChannelCredentials(credentials, grpc::AccessTokenCredentials(options.token));
  }
  grpc::ChannelArguments arguments;
  if (options.tls.has_value() && !options.tls->server_name.empty()) {
    arguments.SetSslTargetNameOverride(options.tls->server_name);
  }
  return grpc::CreateCustomChannel(target, credentials, arguments);
}

}  // namespace salesmetrics::cli
