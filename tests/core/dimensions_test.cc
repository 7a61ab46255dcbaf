#include "core/query/dimensions.h"

#include <gtest/gtest.h>

namespace salesmetrics {
namespace {

TEST(DimensionsTest, AllowList) {
  EXPECT_TRUE(IsKnownDimension("competitor"));
  EXPECT_TRUE(IsKnownDimension("source_channel"));
  EXPECT_FALSE(IsKnownDimension("o.id; DROP TABLE opportunities"));
  EXPECT_TRUE(EntityHasDimension(Entity::kLead, "campaign"));
  EXPECT_FALSE(EntityHasDimension(Entity::kOpportunity, "campaign"));
  EXPECT_FALSE(ParseEntity("planet").ok());
}

TEST(DimensionsTest, FiltersBindTheirValues) {
  SqlParams params;
  const std::string sql = FilterSql(Entity::kOpportunity, "o",
                                    {{"region", {"east", "west"}}, {"segment", {"smb"}}, {"campaign", {"x"}}},
                                    "_f0_", params);
  EXPECT_EQ(sql,
            " AND o.region IN (:_f0_0_0, :_f0_0_1) AND EXISTS (SELECT 1 FROM accounts _f1 WHERE _f1.id = "
            "o.account_id AND _f1.segment IN (:_f0_1_0))");
  EXPECT_EQ(params.at("_f0_0_1").text, "west");
  EXPECT_EQ(params.size(), 3u);  // campaign is not an opportunity dimension
}

TEST(DimensionsTest, AStrictFilterOnAnotherEntitysDimensionMatchesNothing) {
  SqlParams params;
  EXPECT_EQ(FilterSql(Entity::kSalesRep, "r", {{"region", {"east"}, /*strict=*/true}}, "_f0_", params), " AND 1 = 0");
  EXPECT_EQ(FilterSql(Entity::kSalesRep, "r", {{"region", {"east"}}}, "_f0_", params), "");
}

TEST(DimensionsTest, CompetitorGroupsJoin) {
  SqlParams params;
  auto key = GroupKey(Entity::kOpportunity, "o", "competitor", {}, "_g_", params);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->expression, "_gk.competitor");
  EXPECT_EQ(key->join, " JOIN opportunity_competitors _gk ON _gk.opportunity_id = o.id");
  // A competitor filter keeps only the groups it names.
  auto filtered = GroupKey(Entity::kOpportunity, "o", "competitor", {{"competitor", {"Zeta"}}}, "_g_", params);
  ASSERT_TRUE(filtered.ok());
  EXPECT_EQ(filtered->join,
            " JOIN opportunity_competitors _gk ON _gk.opportunity_id = o.id AND _gk.competitor IN (:_g_0_0)");
  EXPECT_EQ(params.at("_g_0_0").text, "Zeta");
  auto team = GroupKey(Entity::kOpportunity, "o", "team", {}, "_g_", params);
  ASSERT_TRUE(team.ok());
  EXPECT_EQ(team->expression, "(SELECT _gk.team_id FROM sales_reps _gk WHERE _gk.id = o.owner_rep_id)");
  EXPECT_TRUE(team->join.empty());
  EXPECT_FALSE(GroupKey(Entity::kLead, "l", "competitor", {}, "_g_", params).ok());
}

}  // namespace
}  // namespace salesmetrics
