#include "core/alerts/alert_rules.h"

#include <cmath>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace salesmetrics {
namespace {

namespace v1 = salesmetrics::v1;

const v1::Value* FindMeasure(const v1::Result& result, const std::string& name) {
  for (const auto& m : result.measures()) {
    if (m.name() == name) return &m.value();
  }
  return nullptr;
}

void AddValue(v1::Alert& alert, const std::string& name, const v1::Value& value) {
  v1::Measure* measure = alert.add_values();
  measure->set_name(name);
  *measure->mutable_value() = value;
}

v1::Value Number(double x) {
  v1::Value v;
  v.set_number(x);
  return v;
}

// numerator / denominator < threshold, exactly (denominator > 0).
bool RatioBelow(Int128 numerator, Int128 denominator, const Decimal& threshold) {
  return numerator * threshold.Denominator() < static_cast<Int128>(threshold.units) * denominator;
}

// a < b x target for a target summed from DOUBLEs: exact when it is a whole
// number (targets are minor units or counts), else in long double.
bool BelowTargetShare(Int128 a, Int128 b, double target) {
  const int64_t whole = std::llround(target);
  if (static_cast<double>(whole) == target) return a < b * whole;
  return static_cast<long double>(a) < static_cast<long double>(b) * target;
}

// Count operands of a ratio value; false when it is absent.
bool CountFraction(const v1::Value* v, int64_t& numerator, int64_t& denominator) {
  if (v == nullptr || v->kind_case() != v1::Value::kRatio) return false;
  numerator = v->fraction().count_numerator();
  denominator = v->fraction().count_denominator();
  return denominator > 0;
}

absl::Status MqlPace(const RuleContext& c, std::vector<v1::Alert>& alerts) {
  const TimeWindow& quarter = c.current_quarter;
  const absl::Duration elapsed = c.as_of - quarter.start;
  if (elapsed <= absl::ZeroDuration()) return absl::OkStatus();
  absl::StatusOr<std::optional<double>> target = c.Target("mql_count", quarter);
  if (!target.ok()) return target.status();
  if (!*target || **target <= 0) return absl::OkStatus();
  TimeWindow so_far = quarter;
  so_far.end = c.as_of;
  absl::StatusOr<v1::ComputeMetricResponse> mqls = c.Compute("mql_count", so_far);
  if (!mqls.ok()) return mqls.status();
  const int64_t mql_count = mqls->result().value().count();
  // pace = mqls / (target x elapsed / length); pace < t  <=>  mqls x length x t.den < t.units x target x elapsed.
  const Int128 length_us = absl::ToInt64Microseconds(quarter.end - quarter.start);
  const Int128 elapsed_us = absl::ToInt64Microseconds(elapsed);
  const auto below = [&](const Decimal& t) {
    return BelowTargetShare(static_cast<Int128>(mql_count) * length_us * t.Denominator(), t.units * elapsed_us, **target);
  };
  const bool red = below(c.Threshold("red_below"));
  if (!red && !below(c.Threshold("yellow_below"))) return absl::OkStatus();
  const double prorated = **target * absl::FDivDuration(elapsed, quarter.end - quarter.start);
  v1::Alert alert = c.MakeAlert(
      red ? v1::SEVERITY_RED : v1::SEVERITY_YELLOW, so_far,
      absl::StrFormat("MQLs are at %.0f%% of the pace the quarter's target needs (%d of a prorated %.0f): too few "
                      "MQLs before the next quarter puts the quarter at risk. Plan how to raise lead volume now.",
                      100.0 * static_cast<double>(mql_count) / prorated, mql_count, prorated));
  AddValue(alert, "mql_count", mqls->result().value());
  AddValue(alert, "quarter_target", Number(**target));
  AddValue(alert, "prorated_target", Number(prorated));
  AddValue(alert, "pace", Number(static_cast<double>(mql_count) / prorated));
  alerts.push_back(std::move(alert));
  return absl::OkStatus();
}

absl::Status LtvCacBand(const RuleContext& c, std::vector<v1::Alert>& alerts) {
  absl::StatusOr<v1::ComputeMetricResponse> ratio = c.Compute("ltv_cac_ratio", c.evaluation_quarter);
  if (!ratio.ok()) return ratio.status();
  const v1::Value& value = ratio->result().value();
  if (value.kind_case() != v1::Value::kRatio) return absl::OkStatus();
  const int64_t ltv = value.fraction().money_numerator().minor_units();
  const int64_t cac = value.fraction().money_denominator().minor_units();
  const Decimal& blue = c.Threshold("blue_at_or_above");
  std::optional<v1::Alert> alert;
  if (RatioBelow(ltv, cac, c.Threshold("red_below"))) {
    alert = c.MakeAlert(v1::SEVERITY_RED, c.evaluation_quarter,
                        absl::StrFormat("LTV:CAC is %.2f: each customer brings in less than it costs to win. Cut "
                                        "acquisition costs or raise customer value before spending more.",
                                        value.ratio()));
  } else if (!RatioBelow(ltv, cac, blue)) {
    alert = c.MakeAlert(v1::SEVERITY_BLUE, c.evaluation_quarter,
                        absl::StrFormat("LTV:CAC is %.2f (at least %s): acquisition is efficient, and growth is "
                                        "being left on the table. Invest more in marketing.",
                                        value.ratio(), blue.ToString()));
  }
  if (!alert) return absl::OkStatus();
  AddValue(*alert, "ltv_cac_ratio", value);
  AddValue(*alert, "ltv", *FindMeasure(ratio->result(), "ltv"));
  AddValue(*alert, "cac", *FindMeasure(ratio->result(), "cac"));
  alerts.push_back(*std::move(alert));
  return absl::OkStatus();
}

absl::Status MqlToSqlLow(const RuleContext& c, std::vector<v1::Alert>& alerts) {
  absl::StatusOr<v1::ComputeMetricResponse> rate = c.Compute("mql_to_sql_rate", c.evaluation_quarter);
  if (!rate.ok()) return rate.status();
  int64_t sqls = 0, mqls = 0;
  if (!CountFraction(&rate->result().value(), sqls, mqls)) return absl::OkStatus();
  if (!RatioBelow(sqls, mqls, c.Threshold("yellow_below"))) return absl::OkStatus();
  v1::Alert alert = c.MakeAlert(
      v1::SEVERITY_YELLOW, c.evaluation_quarter,
      absl::StrFormat("Only %.1f%% of MQLs became SQLs: sales and marketing disagree on what a qualified lead is. "
                      "Get them together to agree on the definition.",
                      100.0 * rate->result().value().ratio()));
  AddValue(alert, "mql_to_sql_rate", rate->result().value());
  alerts.push_back(std::move(alert));
  return absl::OkStatus();
}

// The win rates of the evaluation quarter and the one before, when both exist.
struct WinRates {
  v1::ComputeMetricResponse current, previous;
  int64_t current_won = 0, current_closed = 0, previous_won = 0, previous_closed = 0;
};

absl::StatusOr<std::optional<WinRates>> ReadWinRates(const RuleContext& c) {
  WinRates rates;
  absl::StatusOr<v1::ComputeMetricResponse> current = c.Compute("win_rate", c.evaluation_quarter);
  if (!current.ok()) return current.status();
  absl::StatusOr<v1::ComputeMetricResponse> previous = c.Compute("win_rate", c.previous_quarter);
  if (!previous.ok()) return previous.status();
  rates.current = *std::move(current);
  rates.previous = *std::move(previous);
  if (!CountFraction(&rates.current.result().value(), rates.current_won, rates.current_closed) ||
      !CountFraction(&rates.previous.result().value(), rates.previous_won, rates.previous_closed)) {
    return std::nullopt;
  }
  return rates;
}

absl::Status WinRateDrop(const RuleContext& c, std::vector<v1::Alert>& alerts) {
  absl::StatusOr<std::optional<WinRates>> rates = ReadWinRates(c);
  if (!rates.ok()) return rates.status();
  if (!*rates) return absl::OkStatus();
  const WinRates& r = **rates;
  // previous - current > points / 100, in integers.
  const Decimal& points = c.Threshold("drop_points");
  const Int128 drop = static_cast<Int128>(r.previous_won) * r.current_closed -
                      static_cast<Int128>(r.current_won) * r.previous_closed;
  if (100 * drop * points.Denominator() <=
      static_cast<Int128>(points.units) * r.previous_closed * r.current_closed) {
    return absl::OkStatus();
  }
  const double fall = 100 * (r.previous.result().value().ratio() - r.current.result().value().ratio());
  v1::Alert alert = c.MakeAlert(
      v1::SEVERITY_YELLOW, c.evaluation_quarter,
      absl::StrFormat("The win rate fell by %.1f points against the quarter before: look at training, the sales "
                      "process and the tools.",
                      fall));
  AddValue(alert, "win_rate", r.current.result().value());
  AddValue(alert, "previous_win_rate", r.previous.result().value());
  alerts.push_back(std::move(alert));
  return absl::OkStatus();
}

absl::Status MarketingNotSales(const RuleContext& c, std::vector<v1::Alert>& alerts) {
  absl::StatusOr<std::optional<WinRates>> rates = ReadWinRates(c);
  if (!rates.ok()) return rates.status();
  if (!*rates) return absl::OkStatus();
  const WinRates& r = **rates;
  const bool holding = static_cast<Int128>(r.current_won) * r.previous_closed >=
                       static_cast<Int128>(r.previous_won) * r.current_closed;
  if (!holding) return absl::OkStatus();
  absl::StatusOr<std::optional<double>> target = c.Target("total_sales", c.evaluation_quarter);
  if (!target.ok()) return target.status();
  if (!*target) return absl::OkStatus();
  absl::StatusOr<v1::ComputeMetricResponse> sales = c.Compute("total_sales", c.evaluation_quarter);
  if (!sales.ok()) return sales.status();
  const int64_t total = sales->result().value().money().minor_units();
  if (!BelowTargetShare(total, 1, **target)) return absl::OkStatus();
  v1::Alert alert = c.MakeAlert(v1::SEVERITY_YELLOW, c.evaluation_quarter,
                                "The win rate held up but total sales missed the target: the problem is lead "
                                "volume, not selling. Invest in marketing to bring in more leads.");
  AddValue(alert, "win_rate", r.current.result().value());
  AddValue(alert, "previous_win_rate", r.previous.result().value());
  AddValue(alert, "total_sales", sales->result().value());
  AddValue(alert, "target", Number(**target));
  alerts.push_back(std::move(alert));
  return absl::OkStatus();
}

absl::Status StalledDeals(const RuleContext& c, std::vector<v1::Alert>& alerts) {
  const TimeWindow at_as_of = MakeTimeWindow(c.as_of, c.as_of, c.settings->zone);
  absl::StatusOr<v1::ComputeMetricResponse> stalled = c.Compute("stalled_opportunities", at_as_of, {{"limit", "10"}});
  if (!stalled.ok()) return stalled.status();
  const v1::Value* count = FindMeasure(stalled->result(), "stalled_count");
  if (count == nullptr || count->count() == 0) return absl::OkStatus();
  v1::Alert alert = c.MakeAlert(
      v1::SEVERITY_INFO, at_as_of,
      absl::StrFormat("%d %s been open longer than the usual sales cycle: review %s and decide to push, re-plan "
                      "or close each one.",
                      count->count(), count->count() == 1 ? "opportunity has" : "opportunities have",
                      count->count() == 1 ? "it" : "them"));
  AddValue(alert, "stalled_count", *count);
  AddValue(alert, "stalled_amount", *FindMeasure(stalled->result(), "stalled_amount"));
  AddValue(alert, "mean_cycle_days", *FindMeasure(stalled->result(), "mean_cycle_days"));
  for (const v1::Row& row : stalled->result().table().rows()) alert.add_opportunity_ids(row.values(0).text());
  alerts.push_back(std::move(alert));
  return absl::OkStatus();
}

}  // namespace

AlertRuleFn FindAlertRule(const std::string& id) {
  static const auto* rules = new std::map<std::string, AlertRuleFn>{
      {"mql_pace", &MqlPace},           {"ltv_cac_band", &LtvCacBand},
      {"mql_to_sql_low", &MqlToSqlLow}, {"win_rate_drop", &WinRateDrop},
      {"marketing_not_sales", &MarketingNotSales}, {"stalled_deals", &StalledDeals},
  };
  const auto it = rules->find(id);
  return it == rules->end() ? nullptr : it->second;
}

}  // namespace salesmetrics
