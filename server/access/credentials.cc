#include "server/access/credentials.h"

#include <algorithm>
#include <tuple>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/engine/request_limits.h"
#include "core/query/dimensions.h"
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

// Token digests are looked up by their first 16 hex digits.
absl::string_view DigestBucket(absl::string_view digest) { return digest.substr(0, 16); }

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
  if (proto.caller_size() > kMaxCallers) {
    return absl::InvalidArgumentError(file.Where(0, absl::StrCat("has more than ", kMaxCallers, " callers")));
  }
  auto credentials = std::shared_ptr<Credentials>(new Credentials());
  absl::flat_hash_set<std::string> names;
  for (int i = 0; i < proto.caller_size(); ++i) {
    const server::Caller& c = proto.caller(i);
    // The line of the caller's entry (LineOf knows the file's top level).
    const auto fail = [&](const std::string& problem) {
      return absl::InvalidArgumentError(
          file.Where(file.LineOf(proto, "caller", i), absl::StrCat("caller ", Quote(c.name()), ": ", problem)));
    };
    if (c.name().empty() || c.name().size() > kMaxCallerNameBytes) {
      return absl::InvalidArgumentError(file.Where(
          file.LineOf(proto, "caller", i), absl::StrCat("a caller needs a name of 1 to ", kMaxCallerNameBytes, " bytes")));
    }
    if (!names.insert(c.name()).second) return fail("is named twice");
    for (const auto& [field, count, limit] : {std::tuple{"token_sha256", c.token_sha256_size(), kMaxCredentialsPerCaller},
                                              {"client_certificate_name", c.client_certificate_name_size(),
                                               kMaxCredentialsPerCaller},
                                              {"allow_rpc", c.allow_rpc_size(), kMaxAllowedRpcs},
                                              {"allow_metric", c.allow_metric_size(), kMaxAllowedMetrics},
                                              {"row_scope", c.row_scope_size(), kMaxRowScopes}}) {
      if (count > limit) return fail(absl::StrCat("has more than ", limit, " ", field));
    }
    if (!tenant_exists(c.tenant())) return fail(absl::StrCat("tenant ", Quote(c.tenant()), " is not served"));
    if (c.token_sha256().empty() && c.client_certificate_name().empty()) {
      return fail("has neither token_sha256 nor client_certificate_name");
    }
    Entry entry;
    for (const std::string& digest : c.token_sha256()) {
      if (!IsDigest(digest)) {
        return fail("token_sha256 must be 64 lowercase hex digits (a SHA-256)");
      }
      auto& bucket = credentials->tokens_[std::string(DigestBucket(digest))];
      if (std::any_of(bucket.begin(), bucket.end(), [&](const auto& known) { return known.first == digest; })) {
        return fail("shares a token with another caller");
      }
      bucket.push_back({digest, credentials->entries_.size()});
    }
    for (const std::string& name : c.client_certificate_name()) {
      if (name.empty() || name.size() > kMaxCertificateNameBytes) {
        return fail(absl::StrCat("client_certificate_name must be 1 to ", kMaxCertificateNameBytes, " bytes"));
      }
      if (!credentials->certificates_.emplace(name, credentials->entries_.size()).second) {
        return fail("shares a client certificate name with another caller");
      }
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
      if (!IsKnownDimension(scope.dimension())) {
        return fail(absl::StrCat("row_scope dimension ", Quote(scope.dimension()), " is not a known dimension"));
      }
      if (scope.values().empty() || scope.values_size() > kMaxFilterValues) {
        return fail(absl::StrCat("a row_scope needs 1 to ", kMaxFilterValues, " values"));
      }
      for (const std::string& value : scope.values()) {
        if (value.size() > kMaxStringBytes) {
          return fail(absl::StrCat("a row_scope value is longer than ", kMaxStringBytes, " bytes"));
        }
      }
      caller->row_scopes.push_back({scope.dimension(), {scope.values().begin(), scope.values().end()}});
    }
    if (!c.expire_time().empty()) {
      std::string error;
      if (!absl::ParseTime(absl::RFC3339_full, c.expire_time(), &caller->expires, &error)) {
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
    // Only the digests of the token's bucket are compared, each in constant
    // time: the time taken can tell at most whether some digest shares the
    // first 64 bits of the token's SHA-256, which says nothing of a token.
    const std::string digest = Sha256Hex(presented.token);
    const Entry* match = nullptr;
    if (const auto bucket = tokens_.find(DigestBucket(digest)); bucket != tokens_.end()) {
      for (const auto& [known, index] : bucket->second) {
        if (ConstantTimeEquals(digest, known)) match = &entries_[index];
      }
    }
    if (match == nullptr) return WithLogDetail(absl::UnauthenticatedError(kRefused), "unknown token");
    return Admit(*match, now);
  }
  // The first caller in the file that one of the certificate's names
  // identifies.
  const Entry* match = nullptr;
  for (const std::string& name : presented.certificate_names) {
    if (const auto found = certificates_.find(name); found != certificates_.end()) {
      if (match == nullptr || &entries_[found->second] < match) match = &entries_[found->second];
    }
  }
  if (match != nullptr) return Admit(*match, now);
  return WithLogDetail(absl::UnauthenticatedError(kRefused), presented.certificate_names.empty()
                                                                 ? "no credential"
                                                                 : "unknown client certificate");
}

absl::StatusOr<std::shared_ptr<const Caller>> Credentials::Admit(const Entry& entry, absl::Time now) const {
  if (entry.revoked) {
    return WithLogDetail(absl::UnauthenticatedError(kRefused), absl::StrCat("caller ", entry.caller->name, " is revoked"));
  }
  if (now >= entry.caller->expires) {
    return WithLogDetail(absl::UnauthenticatedError(kRefused),
                         absl::StrCat("the credential of caller ", entry.caller->name, " has expired"));
  }
  return entry.caller;
}

}  // namespace salesmetrics
