// Parsing protobuf text format with errors that name the file and line,
// and the lines of fields for checks made after parsing.
#ifndef SALESMETRICS_CORE_UTIL_TEXT_PROTO_FILE_H_
#define SALESMETRICS_CORE_UTIL_TEXT_PROTO_FILE_H_

#include <google/protobuf/message.h>
#include <google/protobuf/text_format.h>

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace salesmetrics {

class TextProtoFile {
 public:
  // Parses `text` into `message`; InvalidArgument "FILE:LINE: problem" for
  // each syntax error.
  absl::Status Parse(const std::string& text, const std::string& file, google::protobuf::Message* message);

  // The 1-based line of a field (of `message`, as parsed), 0 if unknown.
  int LineOf(const google::protobuf::Message& message, const char* field, int index = -1) const;

  // "FILE:LINE: problem" (or "FILE: problem" for line 0).
  std::string Where(int line, const std::string& problem) const;

 private:
  std::string file_;
  google::protobuf::TextFormat::ParseInfoTree locations_;
};

// The largest file ReadFile reads: configuration files, certificates and
// definitions are far smaller.
inline constexpr size_t kMaxFileBytes = size_t{16} << 20;

// Reads a whole file; NotFound naming it when it cannot be read,
// InvalidArgument when it is larger than kMaxFileBytes.
absl::StatusOr<std::string> ReadFile(const std::string& path);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_UTIL_TEXT_PROTO_FILE_H_
