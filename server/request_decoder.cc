#include "server/request_decoder.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/stubs/common.h>
#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/unknown_field_set.h>

#include <map>

#include "absl/strings/str_cat.h"
#include "core/engine/request_limits.h"
#include "core/util/field_errors.h"
#include "core/util/proto_time.h"

namespace salesmetrics {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::UnknownField;
using google::protobuf::UnknownFieldSet;

std::string FieldPath(const std::string& prefix, const FieldDescriptor& field, int index) {
  std::string path = absl::StrCat(prefix, prefix.empty() ? "" : ".", field.name());
  if (field.is_repeated()) absl::StrAppend(&path, "[", index, "]");
  return path;
}

bool IsValidUtf8(const std::string& text) {
  return google::protobuf::internal::IsStructurallyValidUTF8(text.data(), static_cast<int>(text.size()));
}

// Why bytes that failed to parse as `descriptor` did: the first string
// field that is not UTF-8, found by reading the wire format field by field.
bool FindInvalidUtf8(const std::string& bytes, const Descriptor& descriptor, const std::string& prefix,
                     FieldErrors& errors) {
  UnknownFieldSet fields;
  if (!fields.ParseFromString(bytes)) return false;
  std::map<int, int> seen;  // occurrences of each field number so far
  for (int i = 0; i < fields.field_count(); ++i) {
    const UnknownField& wire = fields.field(i);
    const FieldDescriptor* field = descriptor.FindFieldByNumber(wire.number());
    if (field == nullptr || wire.type() != UnknownField::TYPE_LENGTH_DELIMITED) continue;
    const std::string path = FieldPath(prefix, *field, seen[wire.number()]++);
    if (field->type() == FieldDescriptor::TYPE_STRING && !IsValidUtf8(wire.length_delimited())) {
      errors.Add(path, "is not valid UTF-8");
      return true;
    }
    if (field->type() == FieldDescriptor::TYPE_MESSAGE &&
        FindInvalidUtf8(wire.length_delimited(), *field->message_type(), path, errors)) {
      return true;
    }
  }
  return false;
}

void CheckShape(const Message& message, const std::string& prefix, FieldErrors& errors) {
  if (const auto* timestamp = dynamic_cast<const google::protobuf::Timestamp*>(&message)) {
    if (absl::StatusOr<absl::Time> t = FromProtoTimestamp(*timestamp); !t.ok()) {
      errors.Add(prefix, std::string(t.status().message()));
    }
    return;
  }
  const auto* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const int count = field->is_repeated() ? reflection->FieldSize(message, field) : 1;
    if (count > kMaxRepeatedEntries) {
      errors.Add(absl::StrCat(prefix, prefix.empty() ? "" : ".", field->name()),
                 absl::StrCat("holds ", count, " entries; at most ", kMaxRepeatedEntries, " are allowed"));
      continue;
    }
    for (int i = 0; i < count; ++i) {
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        std::string scratch;
        const std::string& value = field->is_repeated()
                                       ? reflection->GetRepeatedStringReference(message, field, i, &scratch)
                                       : reflection->GetStringReference(message, field, &scratch);
        if (value.size() > kMaxStringBytes) {
          errors.Add(FieldPath(prefix, *field, i), absl::StrCat("is ", value.size(), " bytes long; at most ",
                                                                kMaxStringBytes, " are allowed"));
        }
      } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        const Message& child = field->is_repeated() ? reflection->GetRepeatedMessage(message, field, i)
                                                    : reflection->GetMessage(message, field);
        CheckShape(child, FieldPath(prefix, *field, i), errors);
      }
    }
  }
}

}  // namespace

absl::Status DecodeRequest(absl::string_view bytes, Message& message) {
  if (!message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    FieldErrors errors;
    if (FindInvalidUtf8(std::string(bytes), *message.GetDescriptor(), "", errors)) return errors.ToStatus();
    return absl::InvalidArgumentError(
        absl::StrCat("the request is not a valid ", message.GetDescriptor()->full_name(), " message"));
  }
  return CheckRequestShape(message);
}

absl::Status CheckRequestShape(const Message& message) {
  FieldErrors errors;
  CheckShape(message, "", errors);
  return errors.empty() ? absl::OkStatus() : errors.ToStatus();
}

}  // namespace salesmetrics
