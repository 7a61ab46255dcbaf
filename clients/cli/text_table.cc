#include "clients/cli/text_table.h"

#include <algorithm>
#include <utility>

namespace salesmetrics::cli {
namespace {

constexpr std::string_view kColumnGap = "  ";

// The main East Asian Wide and Fullwidth blocks (Unicode UAX #11): Hangul
// Jamo, CJK radicals to Yi, Hangul syllables, CJK compatibility ideographs,
// vertical and fullwidth forms, and the supplementary ideographic planes.
bool IsWide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

// Decodes the UTF-8 sequence starting at text[i] and advances i past it. An
// invalid byte decodes as itself, so broken text still gets a width.
char32_t NextCodePoint(std::string_view text, size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i++]);
  const int continuation_bytes = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  char32_t c = continuation_bytes == 0 ? lead : lead & (0x3F >> continuation_bytes);
  for (int n = 0; n < continuation_bytes && i < text.size(); ++n) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) != 0x80) break;
    c = (c << 6) | (byte & 0x3F);
    ++i;
  }
  return c;
}

void AppendPadded(std::string& line, std::string_view cell, size_t width, TextTable::Align align) {
  const std::string padding(width - DisplayWidth(cell), ' ');
  if (align == TextTable::Align::kRight) line += padding;
  line += cell;
  if (align == TextTable::Align::kLeft) line += padding;
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) width += IsWide(NextCodePoint(text, i)) ? 2 : 1;
  return width;
}

void TextTable::AddRow(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  rows_.push_back(std::move(cells));
}

std::string TextTable::Render() const { return Render(true); }

std::string TextTable::RenderRows() const { return Render(false); }

std::string TextTable::Render(bool with_titles) const {
  std::vector<size_t> widths;
  std::vector<std::string> titles;
  std::vector<std::string> rules;
  for (const Column& column : columns_) {
    widths.push_back(DisplayWidth(column.title));
    titles.push_back(column.title);
  }
  for (const auto& row : rows_) {
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  for (size_t width : widths) rules.emplace_back(width, '-');

  std::string out;
  const auto render_line = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) line += kColumnGap;
      AppendPadded(line, cells[c], widths[c], columns_[c].align);
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out += line;
    out += '\n';
  };
  if (with_titles) {
    render_line(titles);
    render_line(rules);
  }
  for (const auto& row : rows_) render_line(row);
  return out;
}

}  // namespace salesmetrics::cli
