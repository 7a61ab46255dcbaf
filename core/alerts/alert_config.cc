#include "core/alerts/alert_config.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/alerts/alert_rule_specs.h"
#include "core/time/time_zones.h"
#include "core/util/text_proto_file.h"

namespace salesmetrics {
namespace {

using salesmetrics::alerts::AlertsConfig;
using salesmetrics::alerts::RuleConfig;

// Checks the parsed config, naming the line of each problem.
class Checker {
 public:
  explicit Checker(const TextProtoFile& file) : file_(file) {}

  absl::StatusOr<AlertSettings> Check(const AlertsConfig& config, int company_fiscal_year_start_month) {
    AlertSettings settings;
    settings.fiscal_year_start_month = company_fiscal_year_start_month;
    if (config.evaluation_interval_seconds() < 0) Fail(config, "evaluation_interval_seconds", "must be positive");
    if (config.evaluation_interval_seconds() > 0) {
      settings.evaluation_interval = absl::Seconds(config.evaluation_interval_seconds());
    }
    if (!config.time_zone().empty()) settings.time_zone_name = config.time_zone();
    if (absl::StatusOr<absl::TimeZone> zone = LoadZone(settings.time_zone_name); zone.ok()) {
      settings.zone = *zone;
    } else {
      Fail(config, "time_zone", std::string(zone.status().message()));
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
    return file_.LineOf(config, field, index);
  }
  void Fail(const AlertsConfig& config, const char* field, const std::string& problem) {
    FailAt(Line(config, field), absl::StrCat(field, ": ", problem));
  }
  void FailAt(int line, const std::string& problem) { errors_.push_back(file_.Where(line, problem)); }
  static std::string KnownRules() {
    std::vector<std::string> ids;
    for (const AlertRuleSpec& spec : AlertRuleSpecs()) ids.push_back(spec.id);
    return absl::StrJoin(ids, ", ");
  }

  const TextProtoFile& file_;
  std::vector<std::string> errors_;
};

}  // namespace

absl::StatusOr<AlertSettings> ParseAlertSettings(const std::string& text, const std::string& file,
                                                 int company_fiscal_year_start_month) {
  AlertsConfig config;
  TextProtoFile parsed;
  if (absl::Status s = parsed.Parse(text, file, &config); !s.ok()) return s;
  return Checker(parsed).Check(config, company_fiscal_year_start_month);
}

absl::StatusOr<AlertSettings> LoadAlertSettings(const std::string& path, int company_fiscal_year_start_month) {
  if (path.empty()) return ParseAlertSettings("", "(defaults)", company_fiscal_year_start_month);
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseAlertSettings(*text, path, company_fiscal_year_start_month);
}

}  // namespace salesmetrics
