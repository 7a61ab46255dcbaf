#include "clients/cli/argv_shim.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace salesmetrics::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Stands in for the Abseil flag registry.
FlagKind FakeLookup(const std::string& name) {
  if (name == "json") return FlagKind::kSwitch;
  if (name == "server" || name == "as_of" || name == "fiscal_year_start_month") return FlagKind::kTakesValue;
  return FlagKind::kUnknown;
}

absl::StatusOr<ShimmedArgv> Shim(std::vector<std::string> argv) {
  argv.insert(argv.begin(), "salesmetrics");
  return ShimArgv(argv, FakeLookup);
}

TEST(ShimArgvTest, CollectsRepeatedWhereAndParamInOrder) {
  absl::StatusOr<ShimmedArgv> shimmed =
      Shim({"compute", "win_rate", "--where", "region=north,south", "--param=variant=created", "--where=team=t1",
            "--param", "limit=5"});
  ASSERT_TRUE(shimmed.ok()) << shimmed.status();
  EXPECT_THAT(shimmed->args, ElementsAre("salesmetrics", "compute", "win_rate"));
  EXPECT_THAT(shimmed->where, ElementsAre("region=north,south", "team=t1"));
  EXPECT_THAT(shimmed->params, ElementsAre("variant=created", "limit=5"));
}

TEST(ShimArgvTest, TurnsDashesInFlagNamesIntoUnderscores) {
  absl::StatusOr<ShimmedArgv> shimmed = Shim({"--as-of=2024-03-01", "--fiscal-year-start-month", "4"});
  ASSERT_TRUE(shimmed.ok()) << shimmed.status();
  EXPECT_THAT(shimmed->args, ElementsAre("salesmetrics", "--as_of=2024-03-01", "--fiscal_year_start_month=4"));
}

TEST(ShimArgvTest, TakesTheNextArgumentAsValueOnlyForFlagsWithValues) {
  absl::StatusOr<ShimmedArgv> shimmed = Shim({"--json", "list", "-server", "-x:1", "--where", "--odd=value"});
  ASSERT_TRUE(shimmed.ok()) << shimmed.status();
  EXPECT_THAT(shimmed->args, ElementsAre("salesmetrics", "--json", "list", "--server=-x:1"));
  EXPECT_THAT(shimmed->where, ElementsAre("--odd=value"));
}

TEST(ShimArgvTest, PassesEverythingAfterDoubleDashUntouched) {
  absl::StatusOr<ShimmedArgv> shimmed = Shim({"compute", "--", "--where", "--as-of"});
  ASSERT_TRUE(shimmed.ok()) << shimmed.status();
  EXPECT_THAT(shimmed->args, ElementsAre("salesmetrics", "compute", "--", "--where", "--as-of"));
  EXPECT_TRUE(shimmed->where.empty());
}

TEST(ShimArgvTest, RejectsUnknownFlags) {
  absl::StatusOr<ShimmedArgv> shimmed = Shim({"list", "--colour=red"});
  EXPECT_EQ(shimmed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(shimmed.status().message(), HasSubstr("unknown flag --colour"));
}

TEST(ShimArgvTest, RejectsAFlagWithoutItsValue) {
  EXPECT_THAT(Shim({"compute", "win_rate", "--param"}).status().message(), HasSubstr("--param needs a value"));
  EXPECT_THAT(Shim({"list", "--server"}).status().message(), HasSubstr("--server needs a value"));
}

}  // namespace
}  // namespace salesmetrics::cli
