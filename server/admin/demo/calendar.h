// Time in the demo data: the three years it covers, with their months and
// quarters, and the demand that decides on which days deals and leads are
// created. All instants are whole seconds in UTC.
#ifndef SALESMETRICS_SERVER_ADMIN_DEMO_CALENDAR_H_
#define SALESMETRICS_SERVER_ADMIN_DEMO_CALENDAR_H_

#include <cstddef>
#include <cstdint>
#include <optional>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "server/admin/random.h"

namespace salesmetrics::demo {

inline constexpr absl::Duration kDay = absl::Hours(24);

absl::Time StartOf(absl::CivilDay day);
absl::CivilDay DayOf(absl::Time t);
// The first month of the day's quarter.
absl::CivilMonth QuarterOf(absl::CivilDay day);

// A uniform duration in [lo, hi], in whole seconds.
absl::Duration RandomDuration(DeterministicRandom& rng, absl::Duration lo, absl::Duration hi);
// `d` x numerator / denominator, in whole seconds.
absl::Duration Scale(absl::Duration d, int64_t numerator, int64_t denominator);

// The three years the data covers, [start, end), and its months and quarters.
class Calendar {
 public:
  explicit Calendar(absl::CivilDay end_day)
      : start_day_(end_day.year() - 3, end_day.month(), end_day.day()), end_day_(end_day) {}

  absl::Time start() const { return StartOf(start_day_); }
  absl::Time end() const { return StartOf(end_day_); }

  // The quarters from the one containing the start to the one containing
  // the end, whose targets the forecast and the MQL pace need.
  size_t quarters() const;
  absl::CivilMonth QuarterStart(size_t quarter) const;
  bool QuarterIsOver(size_t quarter) const;
  // The quarter of an instant in [start, end).
  std::optional<size_t> QuarterIndex(absl::Time t) const;

  // The months that overlap [start, end).
  size_t months() const;
  std::optional<size_t> MonthIndex(absl::Time t) const;
  // A day of the month that lies in [start, end).
  absl::CivilDay RandomDayIn(size_t month, DeterministicRandom& rng) const;

  // An instant in working hours, on a day drawn by demand.
  absl::Time DrawBusinessTime(DeterministicRandom& rng) const;

 private:
  int64_t days() const { return end_day_ - start_day_; }
  int64_t Demand(int64_t offset) const;

  absl::CivilDay start_day_;
  absl::CivilDay end_day_;
};

}  // namespace salesmetrics::demo

#endif  // SALESMETRICS_SERVER_ADMIN_DEMO_CALENDAR_H_
