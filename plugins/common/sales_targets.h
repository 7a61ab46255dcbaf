// Who was employed during a period, and targets: one definition for
// sales_per_rep and the server's dashboards and alerts (kpis.md §10,
// "forecast", "performance_collection", "Alerts").
#ifndef SALESMETRICS_PLUGINS_COMMON_SALES_TARGETS_H_
#define SALESMETRICS_PLUGINS_COMMON_SALES_TARGETS_H_

#include <cmath>
#include <cstdint>
#include <optional>

#include "salesmetrics/sdk.h"

namespace salesmetrics::sales_targets {

namespace sdk = salesmetrics::sdk;

// A condition on sales_reps `r` and bucket `b`: employed during the bucket
// (left_at null or on or after its start; hired_at null or before its end).
inline constexpr char kEmployedDuringBucket[] =
    "(r.left_at IS NULL OR r.left_at >= b.start_date) AND (r.hired_at IS NULL OR r.hired_at < b.end_date)";

// A condition on targets `t` and bucket `b`: the target's period lies inside
// the bucket (straddling targets do not count and are not prorated).
inline constexpr char kTargetInsideBucket[] = "t.period_start >= b.start_date AND t.period_end <= b.max_end_date";

inline constexpr char kNoTarget[] = "no target lies inside the period";

// A sum of target_value (a DOUBLE of minor units; nullopt when no target
// lies inside) as money, to the nearest minor unit, halves away from zero.
inline sdk::Value TargetMoney(std::optional<double> target) {
  return target ? sdk::Money(std::llround(*target)) : sdk::Absent(kNoTarget);
}

// achieved / target, on the target as summed; its exact fraction when the
// target is a whole number of minor units. Absent without a target or when
// it is 0.
inline sdk::Value Attainment(int64_t achieved_minor, std::optional<double> target) {
  if (!target) return sdk::Absent(kNoTarget);
  if (*target == 0) return sdk::Absent("the target is 0");
  sdk::Value attainment = sdk::Value::Of(SM_UNIT_RATIO, 0, static_cast<double>(achieved_minor) / *target);
  const int64_t target_minor = std::llround(*target);
  if (static_cast<double>(target_minor) == *target) {
    attainment.WithFraction(sdk::MoneyOf(achieved_minor), sdk::MoneyOf(target_minor));
  }
  return attainment;
}

}  // namespace salesmetrics::sales_targets

#endif  // SALESMETRICS_PLUGINS_COMMON_SALES_TARGETS_H_
