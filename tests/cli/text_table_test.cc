#include "clients/cli/text_table.h"

#include <gtest/gtest.h>

namespace salesmetrics::cli {
namespace {

TEST(DisplayWidthTest, CountsWideCharactersTwice) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("é"), 1u);
  EXPECT_EQ(DisplayWidth("—"), 1u);
  EXPECT_EQ(DisplayWidth("销售简报"), 8u);
  EXPECT_EQ(DisplayWidth("ＡＢ"), 4u);
  EXPECT_EQ(DisplayWidth("\xff"), 1u);
}

// A table of a left-aligned and a right-aligned column.
std::string RenderNameAndNumber(const std::vector<std::vector<std::string>>& rows) {
  TextTable table({{"name"}, {"number", TextTable::Align::kRight}});
  for (const auto& row : rows) table.AddRow(row);
  return table.Render();
}

TEST(TextTableTest, AlignsColumnsLeftOrRight) {
  EXPECT_EQ(RenderNameAndNumber({{"won_count", "2"}, {"total_sales", "1,234.56 CNY"}}),
            "name               number\n"
            "-----------  ------------\n"
            "won_count               2\n"
            "total_sales  1,234.56 CNY\n");
}

TEST(TextTableTest, AlignsWideCharactersByTheirDisplayWidth) {
  EXPECT_EQ(RenderNameAndNumber({{"华东", "3"}, {"north", "12"}}),
            "name   number\n"
            "-----  ------\n"
            "华东        3\n"
            "north      12\n");
}

TEST(TextTableTest, PadsShortRowsAndLeavesNoTrailingSpaces) {
  TextTable table({{"a"}, {"b"}});
  table.AddRow({"long value"});
  EXPECT_EQ(table.Render(),
            "a           b\n"
            "----------  -\n"
            "long value\n");
}

TEST(TextTableTest, RendersTheRowsAloneAlignedAsWithTitles) {
  TextTable table({{}, {"", TextTable::Align::kRight}});
  table.AddRow({"lead", "120"});
  table.AddRow({"won", "7"});
  EXPECT_EQ(table.RenderRows(),
            "lead  120\n"
            "won     7\n");
}

}  // namespace
}  // namespace salesmetrics::cli
