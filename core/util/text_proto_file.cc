#include "core/util/text_proto_file.h"

#include <google/protobuf/io/tokenizer.h>

#include <fstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace salesmetrics {
namespace {

class ErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  explicit ErrorCollector(const std::string& file) : file_(file) {}
  void AddError(int line, int /*column*/, const std::string& message) override {
    errors_.push_back(absl::StrCat(file_, ":", line + 1, ": ", message));
  }
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  const std::string& file_;
  std::vector<std::string> errors_;
};

}  // namespace

absl::Status TextProtoFile::Parse(const std::string& text, const std::string& file,
                                  google::protobuf::Message* message) {
  file_ = file;
  ErrorCollector errors(file_);
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  parser.WriteLocationsTo(&locations_);
  if (!parser.ParseFromString(text, message)) return absl::InvalidArgumentError(absl::StrJoin(errors.errors(), "\n"));
  return absl::OkStatus();
}

int TextProtoFile::LineOf(const google::protobuf::Message& message, const char* field, int index) const {
  const auto* descriptor = message.GetDescriptor()->FindFieldByName(field);
  if (descriptor == nullptr) return 0;
  const auto location = locations_.GetLocation(descriptor, index);
  return location.line < 0 ? 0 : location.line + 1;
}

std::string TextProtoFile::Where(int line, const std::string& problem) const {
  return line > 0 ? absl::StrCat(file_, ":", line, ": ", problem) : absl::StrCat(file_, ": ", problem);
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::string text;
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxFileBytes) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": larger than ", kMaxFileBytes >> 20, " MiB"));
    }
  }
  if (in.bad()) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  return text;
}

}  // namespace salesmetrics
