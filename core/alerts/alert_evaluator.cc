#include "core/alerts/alert_evaluator.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "core/alerts/alert_rules.h"
#include "core/alerts/rule_context.h"
#include "core/engine/metric_sql.h"
#include "core/query/query_rows.h"
#include "core/time/civil_time.h"
#include "core/util/status_detail.h"
#include "plugins/common/sales_targets.h"

namespace salesmetrics {
namespace {

namespace v1 = salesmetrics::v1;

struct Quarters {
  TimeWindow current, evaluation, previous;
};

// The fiscal quarter containing as_of, the last complete one before it,
// and the one before that.
Quarters QuartersAround(absl::Time as_of, const AlertSettings& settings) {
  const absl::CivilDay today(absl::ToCivilSecond(as_of, settings.zone));
  const absl::CivilMonth start(UnitStart(Granularity::kQuarter, today, settings.fiscal_year_start_month));
  const auto quarter = [&](int offset) {
    return MakeTimeWindow(ResolveCivil(absl::CivilDay(start + 3 * offset), settings.zone),
                          ResolveCivil(absl::CivilDay(start + 3 * (offset + 1)), settings.zone), settings.zone);
  };
  return {quarter(0), quarter(-1), quarter(-2)};
}

constexpr char kTeamsSql[] = "SELECT id FROM teams ORDER BY id{{collate_c}}";
const std::string kRepsSql = std::string("WITH {{buckets}} SELECT r.id FROM buckets b JOIN sales_reps r ON ") +
                             sales_targets::kEmployedDuringBucket + " ORDER BY r.id{{collate_c}}";

// The scopes a rule's scope setting stands for: every team, or every rep
// employed during the current quarter, when it names none.
absl::StatusOr<std::vector<v1::AlertScope>> ResolveScopes(const AlertScopeConfig& config, ConnectionPool& pool,
                                                          const TimeWindow& quarter, absl::Time as_of,
                                                          absl::Time deadline) {
  const v1::AlertScope::Level level = config.level == AlertScopeConfig::Level::kCompany ? v1::AlertScope::LEVEL_COMPANY
                                      : config.level == AlertScopeConfig::Level::kTeam  ? v1::AlertScope::LEVEL_TEAM
                                                                                        : v1::AlertScope::LEVEL_REP;
  std::vector<std::string> ids = config.ids;
  if (level != v1::AlertScope::LEVEL_COMPANY && ids.empty()) {
    absl::StatusOr<ConnectionPool::Lease> lease = pool.AcquireReader(deadline);
    if (!lease.ok()) return lease.status();
    const std::vector<TimeWindow> windows = {quarter};
    const std::vector<DimensionFilter> no_filters;
    absl::StatusOr<BoundSql> sql = PrepareSql(level == v1::AlertScope::LEVEL_TEAM ? kTeamsSql : kRepsSql,
                                              SqlScope{&windows, &no_filters, "", as_of, {}}, lease->dialect());
    if (!sql.ok()) return sql.status();
    auto rows = QueryRows<std::string>(*lease, *sql);
    if (!rows.ok()) return rows.status();
    for (const auto& [id] : *rows) ids.push_back(id);
  }
  std::vector<v1::AlertScope> scopes;
  if (level == v1::AlertScope::LEVEL_COMPANY) ids = {""};
  for (const std::string& id : ids) {
    v1::AlertScope& scope = scopes.emplace_back();
    scope.set_level(level);
    scope.set_id(id);
  }
  return scopes;
}

}  // namespace

std::string AlertKey(const v1::Alert& alert) {
  return absl::StrCat(alert.rule(), "/", v1::AlertScope::Level_Name(alert.scope().level()), "/", alert.scope().id());
}

absl::StatusOr<std::vector<v1::Alert>> AlertEvaluator::Evaluate(absl::Time as_of, absl::Time deadline) const {
  const Quarters quarters = QuartersAround(as_of, settings_);
  std::vector<v1::Alert> alerts;
  ComputedMetrics computed;
  for (const AlertRuleConfig& rule : settings_.rules) {
    const AlertRuleFn evaluate = FindAlertRule(rule.id);
    for (const AlertScopeConfig& scope_config : rule.scopes) {
      absl::StatusOr<std::vector<v1::AlertScope>> scopes =
          ResolveScopes(scope_config, *pool_, quarters.current, as_of, deadline);
      if (!scopes.ok()) return scopes.status();
      for (const v1::AlertScope& scope : *scopes) {
        const RuleContext context{engine_, pool_,    &settings_,          &rule,
                                  scope,   as_of,    deadline,            quarters.current,
                                  quarters.evaluation, quarters.previous, &computed};
        if (absl::Status s = evaluate(context, alerts); !s.ok()) {
          return Prefixed(absl::StrCat("alert rule ", rule.id, ": "), s);
        }
      }
    }
  }
  return alerts;
}

}  // namespace salesmetrics
