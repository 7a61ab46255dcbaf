#include "core/alerts/alert_config.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/alerts/alert_rule_specs.h"

namespace salesmetrics {
namespace {

using google::protobuf::TextFormat;
using salesmetrics::alerts::AlertsConfig;
using salesmetrics::alerts::RuleConfig;

// Collects the parser's errors as "FILE:LINE: message".
class ErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  explicit ErrorCollector(std::string file) : file_(std::move(file)) {}
  void AddError(int line, int /*column*/, const std::string& message) override {
    errors_.push_back(absl::StrCat(file_, ":", line + 1, ": ", message));
  }
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  std::string file_;
  std::vector<std::string> errors_;
};

// Checks the parsed config, naming the line of each problem.
class Checker {
 public:
  Checker(std::string file, const TextFormat::ParseInfoTree& locations)
      : file_(std::move(file)), locations_(locations) {}

  absl::StatusOr<AlertSettings> Check(const AlertsConfig& config) {
    AlertSettings settings;
    if (config.evaluation_interval_seconds() < 0) Fail(config, "evaluation_interval_seconds", "must be positive");
    if (config.evaluation_interval_seconds() > 0) {
      settings.evaluation_interval = absl::Seconds(config.evaluation_interval_seconds());
    }
    if (!config.time_zone().empty()) settings.time_zone_name = config.time_zone();
    if (!absl::LoadTimeZone(settings.time_zone_name, &settings.zone)) {
      Fail(config, "time_zone", absl::StrCat("unknown time zone \"", settings.time_zone_name, "\""));
    }
    if (config.fiscal_year_start_month() < 0 || config.fiscal_year_start_month() > 12) {
      Fail(config, "fiscal_year_start_month", "must be 1 to 12");
    } else if (config.fiscal_year_start_month() > 0) {
      settings.fiscal_year_start_month = config.fiscal_year_start_month();
    }
    std::set<std::string> configured;
    for (int i = 0; i < config.rule_size(); ++i) {
      const RuleConfig& rule = config.rule(i);
      const int line = Line(config, "rule", i);
      if (FindAlertRuleSpec(rule.id()) == nullptr) {
        FailAt(line, absl::StrCat("unknown rule \"", rule.id(), "\"; known: ", KnownRules()));
      } else if (!configured.insert(rule.id()).second) {
        FailAt(line, absl::StrCat("rule \"", rule.id(), "\" is configured twice"));
      } else if (!rule.has_enabled() || rule.enabled()) {
        settings.rules.push_back(CheckRule(rule, *FindAlertRuleSpec(rule.id()), line));
      }
    }
    for (const AlertRuleSpec& spec : AlertRuleSpecs()) {
      if (configured.count(spec.id) == 0) settings.rules.push_back(CheckRule(RuleConfig(), spec, 0));
    }
    if (!errors_.empty()) return absl::InvalidArgumentError(absl::StrJoin(errors_, "\n"));
    return settings;
  }

 private:
  AlertRuleConfig CheckRule(const RuleConfig& rule, const AlertRuleSpec& spec, int line) {
    AlertRuleConfig out{spec.id, {}, {}};
    const auto* descriptor = rule.GetDescriptor();
    const auto* reflection = rule.GetReflection();
    for (const char* field : {"red_below", "yellow_below", "blue_at_or_above", "drop_points"}) {
      const std::string text = reflection->GetString(rule, descriptor->FindFieldByName(field));
      const auto threshold = std::find_if(spec.thresholds.begin(), spec.thresholds.end(),
                                          [&](const auto& t) { return std::string(t.first) == field; });
      if (threshold == spec.thresholds.end()) {
        if (!text.empty()) FailAt(line, absl::StrCat("rule ", spec.id, " has no threshold ", field));
        continue;
      }
      const std::optional<Decimal> value = Decimal::Parse(text.empty() ? threshold->second : text);
      if (!value || value->units < 0) {
        FailAt(line, absl::StrCat(field, " \"", text, "\" is not a non-negative decimal"));
        continue;
      }
      out.thresholds[field] = *value;
    }
    for (const auto& scope : rule.scope()) out.scopes.push_back(CheckScope(scope, spec, line));
    if (out.scopes.empty()) out.scopes.push_back(AlertScopeConfig{});
    return out;
  }

  AlertScopeConfig CheckScope(const salesmetrics::alerts::ScopeConfig& scope, const AlertRuleSpec& spec, int line) {
    static const std::map<std::string, AlertScopeConfig::Level> kLevels = {
        {"company", AlertScopeConfig::Level::kCompany},
        {"team", AlertScopeConfig::Level::kTeam},
        {"rep", AlertScopeConfig::Level::kRep}};
    const auto level = kLevels.find(scope.level());
    if (level == kLevels.end()) {
      FailAt(line, absl::StrCat("scope level \"", scope.level(), "\" is none of company, team, rep"));
      return {};
    }
    if (std::find(spec.levels.begin(), spec.levels.end(), level->second) == spec.levels.end()) {
      FailAt(line, absl::StrCat("rule ", spec.id, " cannot run at ", scope.level(), " scope"));
    }
    if (level->second == AlertScopeConfig::Level::kCompany && !scope.id().empty()) {
      FailAt(line, "the company scope takes no id");
    }
    return {level->second, {scope.id().begin(), scope.id().end()}};
  }

  int Line(const AlertsConfig& config, const char* field, int index = -1) const {
    const auto location = locations_.GetLocation(config.GetDescriptor()->FindFieldByName(field), index);
    return location.line + 1;
  }
  void Fail(const AlertsConfig& config, const char* field, const std::string& problem) {
    FailAt(Line(config, field), absl::StrCat(field, ": ", problem));
  }
  void FailAt(int line, const std::string& problem) {
    errors_.push_back(line > 0 ? absl::StrCat(file_, ":", line, ": ", problem) : absl::StrCat(file_, ": ", problem));
  }
  static std::string KnownRules() {
    std::vector<std::string> ids;
    for (const AlertRuleSpec& spec : AlertRuleSpecs()) ids.push_back(spec.id);
    return absl::StrJoin(ids, ", ");
  }

  std::string file_;
  const TextFormat::ParseInfoTree& locations_;
  std::vector<std::string> errors_;
};

}  // namespace

absl::StatusOr<AlertSettings> ParseAlertSettings(const std::string& text, const std::string& file) {
  AlertsConfig config;
  TextFormat::ParseInfoTree locations;
  ErrorCollector errors(file);
  TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  parser.WriteLocationsTo(&locations);
  if (!parser.ParseFromString(text, &config)) {
    return absl::InvalidArgumentError(absl::StrJoin(errors.errors(), "\n"));
  }
  return Checker(file, locations).Check(config);
}

absl::StatusOr<AlertSettings> LoadAlertSettings(const std::string& path) {
  if (path.empty()) return ParseAlertSettings("", "(defaults)");
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read alerts config ", path));
  std::stringstream text;
  text << in.rdbuf();
  return ParseAlertSettings(text.str(), path);
}

}  // namespace salesmetrics
