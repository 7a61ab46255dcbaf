#include "server/access/credentials.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/util/quote.h"
#include "core/util/status_detail.h"
#include "core/util/text_proto_file.h"
#include "server/access/credentials.pb.h"
#include "server/access/token_hash.h"

namespace salesmetrics {
namespace {

using server::CredentialsFile;

constexpr char kRefused[] =
    "missing or invalid credentials: send a valid `authorization: Bearer TOKEN` or a known client certificate";

bool IsDigest(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return absl::ascii_isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
         });
}

// "*", "package.Service/*" or "package.Service/Method".
bool IsRpcPattern(const std::string& pattern) {
  if (pattern == "*") return true;
  const size_t slash = pattern.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == pattern.size()) return false;
  const std::string method = pattern.substr(slash + 1);
  return pattern.find('/', slash + 1) == std::string::npos && pattern.find('*') >= slash + 1 &&
         (method == "*" || method.find('*') == std::string::npos);
}

}  // namespace

absl::StatusOr<std::shared_ptr<const Credentials>> Credentials::Load(
    const std::string& path, const std::function<bool(const std::string&)>& tenant_exists) {
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  return Parse(*text, path, tenant_exists);
}

absl::StatusOr<std::shared_ptr<const Credentials>> Credentials::Parse(
    const std::string& text, const std::string& path, const std::function<bool(const std::string&)>& tenant_exists) {
  TextProtoFile file;
  CredentialsFile proto;
  if (absl::Status s = file.Parse(text, path, &proto); !s.ok()) return s;
  auto credentials = std::shared_ptr<Credentials>(new Credentials());
  absl::flat_hash_set<std::string> names, digests, certificate_names;
  for (int i = 0; i < proto.caller_size(); ++i) {
    const server::Caller& c = proto.caller(i);
    // The line of the caller's entry (LineOf knows the file's top level).
    const auto fail = [&](const std::string& problem) {
      return absl::InvalidArgumentError(
          file.Where(file.LineOf(proto, "caller", i), absl::StrCat("caller ", Quote(c.name()), ": ", problem)));
    };
    if (c.name().empty()) {
      return absl::InvalidArgumentError(file.Where(file.LineOf(proto, "caller", i), "a caller needs a name"));
    }
    if (!names.insert(c.name()).second) return fail("is named twice");
    if (!tenant_exists(c.tenant())) return fail(absl::StrCat("tenant ", Quote(c.tenant()), " is not served"));
    if (c.token_sha256().empty() && c.client_certificate_name().empty()) {
      return fail("has neither token_sha256 nor client_certificate_name");
    }
    Entry entry;
    for (const std::string& digest : c.token_sha256()) {
      if (!IsDigest(digest)) {
        return fail("token_sha256 must be 64 lowercase hex digits (a SHA-256)");
      }
      if (!digests.insert(digest).second) return fail("shares a token with another caller");
      entry.token_digests.push_back(digest);
    }
    for (const std::string& name : c.client_certificate_name()) {
      if (name.empty()) return fail("client_certificate_name is empty");
      if (!certificate_names.insert(name).second) {
        return fail("shares a client certificate name with another caller");
      }
      entry.certificate_names.push_back(name);
    }
    auto caller = std::make_shared<Caller>();
    caller->name = c.name();
    caller->tenant = c.tenant();
    for (const std::string& pattern : c.allow_rpc()) {
      if (!IsRpcPattern(pattern)) {
        return fail(absl::StrCat("allow_rpc ", Quote(pattern),
                                 " is not \"*\", \"package.Service/*\" or \"package.Service/Method\""));
      }
      caller->allowed_rpcs.push_back(pattern);
    }
    caller->allowed_metrics.insert(c.allow_metric().begin(), c.allow_metric().end());
    for (const server::RowScope& scope : c.row_scope()) {
      if (scope.dimension().empty() || scope.values().empty()) {
        return fail("a row_scope needs a dimension and at least one value");
      }
      caller->row_scopes.push_back({scope.dimension(), {scope.values().begin(), scope.values().end()}});
    }
    if (!c.expire_time().empty()) {
      std::string error;
      if (!absl::ParseTime(absl::RFC3339_full, c.expire_time(), &entry.expires, &error)) {
        return fail(absl::StrCat("expire_time ", Quote(c.expire_time()),
                                                " is not an RFC 3339 instant such as 2027-06-30T00:00:00Z"));
      }
    }
    entry.revoked = c.revoked();
    entry.caller = std::move(caller);
    credentials->entries_.push_back(std::move(entry));
  }
  return std::shared_ptr<const Credentials>(std::move(credentials));
}

absl::StatusOr<std::shared_ptr<const Caller>> Credentials::Authenticate(const Presented& presented,
                                                                         absl::Time now) const {
  if (presented.sent_authorization) {
    if (presented.token.empty()) {
      return WithLogDetail(absl::UnauthenticatedError(kRefused), "authorization is not `Bearer TOKEN`");
    }
    // Every digest is compared, so the time taken tells nothing of which
    // one matched.
    const std::string digest = Sha256Hex(presented.token);
    const Entry* match = nullptr;
    for (const Entry& entry : entries_) {
      for (const std::string& known : entry.token_digests) {
        if (ConstantTimeEquals(digest, known)) match = &entry;
      }
    }
    if (match == nullptr) return WithLogDetail(absl::UnauthenticatedError(kRefused), "unknown token");
    return Admit(*match, now);
  }
  for (const Entry& entry : entries_) {
    for (const std::string& name : entry.certificate_names) {
      if (std::find(presented.certificate_names.begin(), presented.certificate_names.end(), name) !=
          presented.certificate_names.end()) {
        return Admit(entry, now);
      }
    }
  }
  return WithLogDetail(absl::UnauthenticatedError(kRefused), presented.certificate_names.empty()
                                                                 ? "no credential"
                                                                 : "unknown client certificate");
}

absl::StatusOr<std::shared_ptr<const Caller>> Credentials::Admit(const Entry& entry, absl::Time now) const {
  if (entry.revoked) {
    return WithLogDetail(absl::UnauthenticatedError(kRefused), absl::StrCat("caller ", entry.caller->name, " is revoked"));
  }
  if (now >= entry.expires) {
    return WithLogDetail(absl::UnauthenticatedError(kRefused),
                         absl::StrCat("the credential of caller ", entry.caller->name, " has expired"));
  }
  return entry.caller;
}

}  // namespace salesmetrics
