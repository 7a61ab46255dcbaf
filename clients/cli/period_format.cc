#include "clients/cli/period_format.h"

#include "absl/strings/str_cat.h"
#include "clients/cli/proto_time.h"

namespace salesmetrics::cli {
namespace {

// Instants read best in the request's zone; where the client lacks its
// rules, LoadTimeZone leaves UTC in `zone`.
absl::TimeZone ZoneOrUtc(const std::string& name) {
  absl::TimeZone zone;
  absl::LoadTimeZone(name, &zone);
  return zone;
}

}  // namespace

std::string FormatInstant(const google::protobuf::Timestamp& timestamp, absl::TimeZone zone) {
  return absl::FormatTime(absl::RFC3339_sec, FromProtoTimestamp(timestamp), zone);
}

std::string FormatInterval(const google::protobuf::Timestamp& start, const google::protobuf::Timestamp& end,
                           const std::string& time_zone) {
  const absl::TimeZone zone = ZoneOrUtc(time_zone);
  return absl::StrCat("[", FormatInstant(start, zone), ", ", FormatInstant(end, zone), ") ", time_zone);
}

std::string FormatPeriod(const google::protobuf::Timestamp& start, const google::protobuf::Timestamp& end,
                         const google::protobuf::Timestamp& as_of, const std::string& time_zone) {
  return absl::StrCat(FormatInterval(start, end, time_zone), "  as of ", FormatInstant(as_of, ZoneOrUtc(time_zone)));
}

}  // namespace salesmetrics::cli
