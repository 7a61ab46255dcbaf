// Bearer tokens are kept only as SHA-256 digests, and compared in constant
// time.
#ifndef SALESMETRICS_SERVER_ACCESS_TOKEN_HASH_H_
#define SALESMETRICS_SERVER_ACCESS_TOKEN_HASH_H_

#include <string>

#include "absl/strings/string_view.h"

namespace salesmetrics {

// The lowercase hex SHA-256 of `token`.
std::string Sha256Hex(absl::string_view token);

// Whether `a` equals `b`, in a time that depends on their lengths only.
bool ConstantTimeEquals(absl::string_view a, absl::string_view b);

// A new token: 32 random bytes, web-safe base64 (43 characters).
std::string NewToken();

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_ACCESS_TOKEN_HASH_H_
