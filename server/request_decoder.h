// Turns the bytes of a request into its message, and refuses what no
// handler should ever see, with INVALID_ARGUMENT naming the field:
//
//  - bytes that are not the message, or a string that is not UTF-8
//    (protobuf alone would answer INTERNAL with no message);
//  - a string longer than kMaxStringBytes, a repeated or map field of more
//    than kMaxRepeatedEntries (core/engine/request_limits.h);
//  - a google.protobuf.Timestamp outside the supported years
//    (core/time/civil_time.h).
//
// Every RPC decodes its request here, so each of these holds for every
// field of every request, present and future, before any work starts.
#ifndef SALESMETRICS_SERVER_REQUEST_DECODER_H_
#define SALESMETRICS_SERVER_REQUEST_DECODER_H_

#include <google/protobuf/message.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace salesmetrics {

absl::Status DecodeRequest(absl::string_view bytes, google::protobuf::Message& message);

// The checks after parsing, on their own: for requests built in memory.
absl::Status CheckRequestShape(const google::protobuf::Message& message);

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_REQUEST_DECODER_H_
