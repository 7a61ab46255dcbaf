// Reading configuration files: whole, bounded, and parse errors with lines.
#include "core/util/text_proto_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "core/alerts/alerts_config.pb.h"

namespace salesmetrics {
namespace {

std::string TempFile(const std::string& name, size_t bytes) {
  const std::string path = absl::StrCat(::testing::TempDir(), "/", name, "_", getpid());
  std::ofstream(path, std::ios::binary) << std::string(bytes, 'x');
  return path;
}

TEST(ReadFileTest, ReadsAWholeFileUpToTheLimit) {
  const std::string path = TempFile("at_limit", kMaxFileBytes);
  absl::StatusOr<std::string> text = ReadFile(path);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(text->size(), kMaxFileBytes);
  std::remove(path.c_str());
}

TEST(ReadFileTest, RefusesALargerFileAndAMissingOne) {
  const std::string path = TempFile("over_limit", kMaxFileBytes + 1);
  absl::StatusOr<std::string> text = ReadFile(path);
  EXPECT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(text.status().message(), path + ": larger than 16 MiB");
  std::remove(path.c_str());
  EXPECT_EQ(ReadFile(path).status().code(), absl::StatusCode::kNotFound);
}

TEST(TextProtoFileTest, NamesTheLineOfASyntaxErrorAndOfAField) {
  TextProtoFile file;
  alerts::AlertsConfig config;
  EXPECT_EQ(file.Parse("time_zone: \"UTC\"\nbogus: 1\n", "a.textproto", &config).code(),
            absl::StatusCode::kInvalidArgument);
  TextProtoFile ok;
  ASSERT_TRUE(ok.Parse("\n\ntime_zone: \"UTC\"\n", "a.textproto", &config).ok());
  EXPECT_EQ(ok.LineOf(config, "time_zone"), 3);
  EXPECT_EQ(ok.Where(3, "bad"), "a.textproto:3: bad");
}

}  // namespace
}  // namespace salesmetrics
