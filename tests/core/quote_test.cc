#include "core/util/quote.h"

#include <gtest/gtest.h>

namespace salesmetrics {
namespace {

TEST(QuoteTest, QuotesAndEscapes) {
  EXPECT_EQ(Quote("Asia/Shanghai"), "\"Asia/Shanghai\"");
  EXPECT_EQ(Quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(Quote("line\nforged\r\t\x01"), "\"line\\nforged\\r\\t\\x01\"");
  EXPECT_EQ(Quote("\xff\xfe"), "\"\\xff\\xfe\"");
  EXPECT_EQ(Quote("中文"), "\"中文\"");
}

TEST(QuoteTest, ShowsOnlyAShortPrefixOfALongValue) {
  const std::string megabyte(1 << 20, 'x');
  EXPECT_EQ(Quote(megabyte), "\"" + std::string(kQuotedPrefixBytes, 'x') + "\"... (1048576 bytes)");
  // Never cut inside a character: 47 ASCII bytes, then 3-byte characters.
  const std::string mixed = std::string(47, 'a') + "中中";
  EXPECT_EQ(Quote(mixed), "\"" + std::string(47, 'a') + "\"... (53 bytes)");
}

TEST(EscapedPrefixTest, IsQuoteWithoutQuotes) {
  EXPECT_EQ(EscapedPrefix("limit"), "limit");
  EXPECT_EQ(EscapedPrefix("a\nb"), "a\\nb");
}

TEST(EscapeForLogTest, OneBoundedLineAndIdempotent) {
  EXPECT_EQ(EscapeForLog("error=\"x\"\nE forged", 100), "error=\"x\"\\nE forged");
  EXPECT_EQ(EscapeForLog(EscapeForLog("a\nb\\c", 100), 100), "a\\nb\\c");
  EXPECT_EQ(EscapeForLog("abcdef", 4), "abcd... (2 more bytes)");
}

}  // namespace
}  // namespace salesmetrics
