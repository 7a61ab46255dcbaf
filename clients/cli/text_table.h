// A plain-text table with aligned columns, for terminal output.
//
//   TextTable table({{"measure"}, {"value", TextTable::Align::kRight}});
//   table.AddRow({"won_count", "2"});
//   std::cout << table.Render();
//
// Widths are measured in terminal cells, so CJK text lines up too.
#ifndef SALESMETRICS_CLIENTS_CLI_TEXT_TABLE_H_
#define SALESMETRICS_CLIENTS_CLI_TEXT_TABLE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace salesmetrics::cli {

// The number of terminal cells `text` (UTF-8) takes: East Asian wide
// characters take two, others one.
size_t DisplayWidth(std::string_view text);

class TextTable {
 public:
  enum class Align { kLeft, kRight };
  struct Column {
    std::string title;
    Align align = Align::kLeft;
  };

  explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}

  // Adds a row; missing trailing cells are blank, extra ones are dropped.
  void AddRow(std::vector<std::string> cells);

  // The title line, a rule under it and the rows, each line ending in '\n'.
  // Columns are two spaces apart; lines carry no trailing spaces.
  std::string Render() const;

  // The rows alone, aligned as by Render, for a table whose columns speak
  // for themselves.
  std::string RenderRows() const;

 private:
  std::string Render(bool with_titles) const;

  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_TEXT_TABLE_H_
