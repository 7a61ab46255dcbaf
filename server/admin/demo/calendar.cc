#include "server/admin/demo/calendar.h"

#include <algorithm>
#include <iterator>

namespace salesmetrics::demo {
namespace {

// Demand: the business grows from 70% to 130% of its mean rate over the
// three years, has busy and slow months (Spring Festival in February, Golden
// Week in October) and little happens at weekends.
constexpr int64_t kGrowthStartPercent = 70;
constexpr int64_t kGrowthPercentOverPeriod = 60;
constexpr int64_t kMonthPercent[12] = {90, 70, 105, 100, 95, 110, 90, 90, 105, 85, 110, 120};
constexpr int64_t kWeekdayPercent = 100;
constexpr int64_t kWeekendPercent = 15;
constexpr int64_t kMaxDemand = (kGrowthStartPercent + kGrowthPercentOverPeriod) *
                               *std::max_element(std::begin(kMonthPercent), std::end(kMonthPercent)) * kWeekdayPercent;

// 09:00 to 19:00 China time (UTC+8).
absl::Duration WorkingHours(DeterministicRandom& rng) {
  return RandomDuration(rng, absl::Hours(1), absl::Hours(11) - absl::Seconds(1));
}

}  // namespace

absl::Time StartOf(absl::CivilDay day) { return absl::FromCivil(day, absl::UTCTimeZone()); }
absl::CivilDay DayOf(absl::Time t) { return absl::ToCivilDay(t, absl::UTCTimeZone()); }
absl::CivilMonth QuarterOf(absl::CivilDay day) { return absl::CivilMonth(day.year(), (day.month() - 1) / 3 * 3 + 1); }

absl::Duration RandomDuration(DeterministicRandom& rng, absl::Duration lo, absl::Duration hi) {
  return absl::Seconds(rng.Uniform(absl::ToInt64Seconds(lo), absl::ToInt64Seconds(hi)));
}

absl::Duration Scale(absl::Duration d, int64_t numerator, int64_t denominator) {
  return absl::Seconds(absl::ToInt64Seconds(d) * numerator / denominator);
}

size_t Calendar::quarters() const { return static_cast<size_t>((QuarterOf(end_day_) - QuarterOf(start_day_)) / 3 + 1); }

absl::CivilMonth Calendar::QuarterStart(size_t quarter) const {
  return QuarterOf(start_day_) + 3 * static_cast<int64_t>(quarter);
}

bool Calendar::QuarterIsOver(size_t quarter) const {
  return StartOf(absl::CivilDay(QuarterStart(quarter + 1))) <= end();
}

std::optional<size_t> Calendar::QuarterIndex(absl::Time t) const {
  if (t < start() || t >= end()) return std::nullopt;
  return static_cast<size_t>((QuarterOf(DayOf(t)) - QuarterOf(start_day_)) / 3);
}

size_t Calendar::months() const {
  return static_cast<size_t>(absl::CivilMonth(end_day_ - 1) - absl::CivilMonth(start_day_) + 1);
}

std::optional<size_t> Calendar::MonthIndex(absl::Time t) const {
  if (t < start() || t >= end()) return std::nullopt;
  return static_cast<size_t>(absl::CivilMonth(DayOf(t)) - absl::CivilMonth(start_day_));
}

absl::CivilDay Calendar::RandomDayIn(size_t month, DeterministicRandom& rng) const {
  const absl::CivilMonth civil_month = absl::CivilMonth(start_day_) + static_cast<int64_t>(month);
  const absl::CivilDay first = std::max(absl::CivilDay(civil_month), start_day_);
  const absl::CivilDay last = std::min(absl::CivilDay(civil_month + 1), end_day_) - 1;
  return first + rng.Uniform(0, last - first);
}

absl::Time Calendar::DrawBusinessTime(DeterministicRandom& rng) const {
  for (;;) {  // rejection sampling: accept a day with probability demand / max demand
    const int64_t offset = rng.Uniform(0, days() - 1);
    if (rng.Uniform(1, kMaxDemand) <= Demand(offset)) return StartOf(start_day_ + offset) + WorkingHours(rng);
  }
}

int64_t Calendar::Demand(int64_t offset) const {
  const absl::CivilDay day = start_day_ + offset;
  const absl::Weekday weekday = absl::GetWeekday(day);
  const bool weekend = weekday == absl::Weekday::saturday || weekday == absl::Weekday::sunday;
  return (kGrowthStartPercent + kGrowthPercentOverPeriod * offset / days()) * kMonthPercent[day.month() - 1] *
         (weekend ? kWeekendPercent : kWeekdayPercent);
}

}  // namespace salesmetrics::demo
