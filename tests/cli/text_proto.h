// Builds test messages from protobuf text format.
//
//   const auto value = ParseTextProto<salesmetrics::v1::Value>("count: 42");
#ifndef SALESMETRICS_TESTS_CLI_TEXT_PROTO_H_
#define SALESMETRICS_TESTS_CLI_TEXT_PROTO_H_

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include <string>

namespace salesmetrics::cli {

// The message `text` describes; a test failure if it does not parse.
template <typename Message>
Message ParseTextProto(const std::string& text) {
  Message message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_TESTS_CLI_TEXT_PROTO_H_
