#include "tests/bench/side_by_side/twin.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace salesmetrics::bench {
namespace {

std::string Cell(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return "absent";
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_string: return row.get<std::string>(i);
    case soci::dt_double: return absl::StrFormat("%.17g", row.get<double>(i));
    case soci::dt_integer: return absl::StrCat(row.get<int>(i));
    case soci::dt_long_long: return absl::StrCat(row.get<long long>(i));
    case soci::dt_unsigned_long_long: return absl::StrCat(row.get<unsigned long long>(i));
    default: return "?";
  }
}

}  // namespace

absl::StatusOr<std::vector<std::string>> LoadTwin(const std::string& twins_dir, const std::string& engine,
                                                  const std::string& name,
                                                  const std::map<std::string, std::string>& params) {
  const std::filesystem::path path = std::filesystem::path(twins_dir) / engine / (name + ".sql");
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("no twin ", name, " for ", engine, " in ", twins_dir));
  std::stringstream text;
  text << in.rdbuf();
  std::string sql = text.str();
  for (const auto& [key, value] : params) absl::StrReplaceAll({{absl::StrCat("{{", key, "}}"), value}}, &sql);
  if (sql.find("{{") != std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(path.string(), ": a {{placeholder}} has no value"));
  }
  std::vector<std::string> statements;
  std::string statement;
  for (absl::string_view line : absl::StrSplit(sql, '\n')) {
    if (absl::StartsWith(absl::StripLeadingAsciiWhitespace(line), "--")) continue;
    absl::StrAppend(&statement, line, "\n");
    if (absl::EndsWith(absl::StripTrailingAsciiWhitespace(line), ";")) {
      statements.push_back(std::move(statement));
      statement.clear();
    }
  }
  if (!absl::StripAsciiWhitespace(statement).empty()) statements.push_back(statement);
  return statements;
}

absl::StatusOr<Figures> RunTwin(soci::session& session, const std::vector<std::string>& statements) {
  Figures figures;
  for (std::string statement : statements) {
    while (!statement.empty() && (statement.back() == ';' || absl::ascii_isspace(statement.back()))) {
      statement.pop_back();
    }
    try {
      soci::rowset<soci::row> rows = session.prepare << statement;
      for (const soci::row& row : rows) {
        if (row.size() != 2) return absl::InvalidArgumentError("a twin's rows are (key, value)");
        const std::string key = Cell(row, 0);
        if (!figures.emplace(key, Cell(row, 1)).second) {
          return absl::InvalidArgumentError(absl::StrCat("the twin gives ", key, " twice"));
        }
      }
    } catch (const std::exception& e) {
      return absl::InternalError(absl::StrCat("twin: ", e.what()));
    }
  }
  return figures;
}

}  // namespace salesmetrics::bench
