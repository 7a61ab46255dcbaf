#include "core/time/time_zones.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"

namespace salesmetrics {
namespace {

TEST(LoadZoneTest, LoadsIanaZonesAndUtc) {
  absl::StatusOr<absl::TimeZone> shanghai = LoadZone("Asia/Shanghai");
  ASSERT_TRUE(shanghai.ok()) << shanghai.status();
  EXPECT_EQ(shanghai->name(), "Asia/Shanghai");
  EXPECT_TRUE(LoadZone("UTC").ok());
  EXPECT_TRUE(LoadZone("America/Argentina/ComodRivadavia").ok());
  EXPECT_TRUE(LoadZone("Etc/GMT+5").ok());
}

TEST(LoadZoneTest, RefusesWhatIsNoZoneFile) {
  for (const char* name : {"Nowhere/City", "", "/etc/passwd", "../../etc/passwd", "Asia/../Asia/Shanghai",
                           "Asia//Shanghai", "Asia/Shanghai/", "Asia/Shanghai\n", "zoneinfo", "Asia"}) {
    SCOPED_TRACE(name);
    absl::StatusOr<absl::TimeZone> zone = LoadZone(name);
    ASSERT_FALSE(zone.ok());
    EXPECT_EQ(zone.status().code(), absl::StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(LoadZone("Mars/Olympus").status().message(),
            "unknown time zone \"Mars/Olympus\"; use an IANA name such as Asia/Shanghai or UTC");
}

int64_t RssKib() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6));
  }
  return -1;
}

// Abseil keeps every name it is asked for, valid or not (about 400 bytes
// for one of 200): LoadZone must not ask it for unknown ones.
TEST(LoadZoneTest, UnknownNamesLeaveNothingBehind) {
  const std::string padding(190, 'x');
  const int64_t before = RssKib();
  for (int i = 0; i < 200000; ++i) ASSERT_FALSE(LoadZone(absl::StrCat("Mars/", i, padding)).ok());
  EXPECT_LT(RssKib() - before, 8 * 1024);
}

TEST(LoadZoneTest, QuotesOnlyAPrefixOfALongName) {
  const std::string name(100000, 'z');
  const absl::Status status = LoadZone(name).status();
  EXPECT_LT(status.message().size(), 200u);
}

}  // namespace
}  // namespace salesmetrics
