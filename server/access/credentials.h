// The credentials file, loaded: tells a caller from the token or the
// client certificate it presents (server/access/credentials.proto).
#ifndef SALESMETRICS_SERVER_ACCESS_CREDENTIALS_H_
#define SALESMETRICS_SERVER_ACCESS_CREDENTIALS_H_

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/access/caller.h"

namespace salesmetrics {

// What a call presents.
struct Presented {
  // The bearer token of its `authorization` metadata; empty: none.
  std::string token;
  // Whether it sent `authorization` metadata at all (a malformed one is
  // refused, not ignored).
  bool sent_authorization = false;
  // The names of its verified client certificate (common name, DNS and URI
  // subject alternative names); empty: none.
  std::vector<std::string> certificate_names;
};

// The limits of a credentials file, checked when it is loaded (the file
// itself is at most kMaxFileBytes, core/util/text_proto_file.h).
inline constexpr int kMaxCallers = 10000;
inline constexpr size_t kMaxCallerNameBytes = 128;
inline constexpr int kMaxCredentialsPerCaller = 16;  // token digests, and certificate names
inline constexpr size_t kMaxCertificateNameBytes = 256;
inline constexpr int kMaxAllowedRpcs = 64;
inline constexpr int kMaxAllowedMetrics = 1000;
inline constexpr int kMaxRowScopes = 4;

class Credentials {
 public:
  // Reads and checks `path`: every caller is named once, belongs to a
  // tenant for which `tenant_exists`, is identified by a well-formed token
  // digest or certificate name used by no other caller, allows well-formed
  // RPC patterns, has row scopes on known dimensions, and keeps within the
  // limits above. Errors name FILE:LINE.
  static absl::StatusOr<std::shared_ptr<const Credentials>> Load(
      const std::string& path, const std::function<bool(const std::string&)>& tenant_exists);
  static absl::StatusOr<std::shared_ptr<const Credentials>> Parse(
      const std::string& text, const std::string& path, const std::function<bool(const std::string&)>& tenant_exists);

  // The caller `presented` identifies at `now`: UNAUTHENTICATED, with one
  // message whatever the reason (unknown, revoked, expired; the reason is
  // the log detail), when none does. A token, when sent, decides alone.
  absl::StatusOr<std::shared_ptr<const Caller>> Authenticate(const Presented& presented, absl::Time now) const;

  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::shared_ptr<const Caller> caller;
    bool revoked = false;
  };
  absl::StatusOr<std::shared_ptr<const Caller>> Admit(const Entry& entry, absl::Time now) const;

  std::vector<Entry> entries_;  // in file order
  // Token digests by their first 16 hex digits, each with its entry.
  absl::flat_hash_map<std::string, std::vector<std::pair<std::string, size_t>>> tokens_;
  // Certificate names, each with its entry.
  absl::flat_hash_map<std::string, size_t> certificates_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_ACCESS_CREDENTIALS_H_
