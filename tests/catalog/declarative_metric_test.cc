// Declarative SQL metrics on both backends: definitions that compute like a
// plugin's metric (series, filters, group-by, parameters), and definitions
// refused with the file, the line and the reason.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/catalog/catalog_test_env.h"

namespace salesmetrics::testing {
namespace {

using ::testing::HasSubstr;

// Won / closed among the deals of at least :min_amount.
constexpr char kBigDealWinRate[] = R"pb(id: "big_deal_win_rate"
display_name: "Big deal win rate"
description: "Won / closed among the deals of at least min_amount closed in the period."
unit: "ratio"
filter_dimensions: ["region"]
group_by_dimensions: ["region", "team"]
parameter {
  name: "min_amount"
  description: "Smallest amount counted, in minor units"
  type: "integer"
  default_value: "1000"
  minimum: "0"
}
sql: "WITH {{buckets}} "
     "SELECT b.bucket, {{group_key(opportunity, o)}} AS group_key, "
     "       SUM(CASE WHEN o.status = 'won' THEN 1 ELSE 0 END), COUNT(*) "
     "FROM buckets b "
     "JOIN opportunities o ON o.closed_at >= b.start_at AND o.closed_at < b.end_at "
     "WHERE o.status IN ('won', 'lost') AND o.amount_minor >= :min_amount{{filters(opportunity, o)}} "
     "GROUP BY b.bucket, group_key"
)pb";

// A definition whose SQL (on line 5) is `sql`.
std::string WithSql(const std::string& id, const std::string& sql) {
  return "id: \"" + id + "\"\ndisplay_name: \"Broken\"\nunit: \"count\"\n\nsql: \"" + sql + "\"\n";
}

class DeclarativeMetricTest : public ::testing::TestWithParam<Backend>, public CatalogTest {
 protected:
  void SetUp() override {
    SetUpCatalog(GetParam());
    engine_ = std::make_unique<MetricEngine>(&registry_, pool_.get(), "CNY");
  }

  absl::StatusOr<v1::ComputeMetricResponse> Compute(const v1::ComputeMetricRequest& request) {
    return engine_->Compute(request, absl::Now() + absl::Seconds(30));
  }

  std::unique_ptr<MetricEngine> engine_;
};

TEST_P(DeclarativeMetricTest, AMoneyMetricComputesLikeAPlugin) {
  definitions_.Write("won_amount.textproto", kWonAmountDefinition);
  EXPECT_EQ(Reload()["won_amount.textproto"].outcome, SourceReport::Outcome::kLoaded);
  const auto metric = registry_.Find("won_amount");
  ASSERT_NE(metric, nullptr);
  EXPECT_EQ(metric->info().display_name(), "Won amount");
  EXPECT_EQ(metric->info().plugin(), definitions_.File("won_amount.textproto"));

  // The values of total_sales_test: January won o1 + o3 + o8 = 3052.
  auto january = Compute(Request("won_amount").Period("2024-01-01", "2024-02-01"));
  ASSERT_TRUE(january.ok()) << january.status();
  EXPECT_TRUE(IsMoney(january->result().value(), 3052));
  EXPECT_EQ(january->result().value().money().currency_code(), "CNY");
  EXPECT_THAT(january->definition().formula(), HasSubstr("won_amount.textproto"));

  // December o5 400, January 3052, February o4 700.
  auto series = Compute(Request("won_amount").Period("2023-12-01", "2024-03-01").Granularity(v1::GRANULARITY_MONTH));
  ASSERT_TRUE(series.ok()) << series.status();
  ASSERT_EQ(series->series_size(), 3);
  EXPECT_TRUE(IsMoney(series->series(0).result().value(), 400));
  EXPECT_TRUE(IsMoney(series->series(1).result().value(), 3052));
  EXPECT_TRUE(IsMoney(series->series(2).result().value(), 700));
  EXPECT_TRUE(IsMoney(series->result().value(), 4152));

  // East in January: o1 1001 + o8 50. By region: west o3 2001.
  auto east = Compute(Request("won_amount").Period("2024-01-01", "2024-02-01").Where("region", {"east"}));
  ASSERT_TRUE(east.ok()) << east.status();
  EXPECT_TRUE(IsMoney(east->result().value(), 1051));
  auto grouped = Compute(Request("won_amount").Period("2024-01-01", "2024-02-01").GroupBy("region"));
  ASSERT_TRUE(grouped.ok()) << grouped.status();
  EXPECT_EQ(GroupKeys(grouped->groups()), (std::vector<std::string>{"east", "west"}));
  EXPECT_TRUE(IsMoney(GroupResult(grouped->groups(), "east").value(), 1051));
  EXPECT_TRUE(IsMoney(GroupResult(grouped->groups(), "west").value(), 2001));

  // Only declared dimensions: team is not one of them.
  auto by_team = Compute(Request("won_amount").Period("2024-01-01", "2024-02-01").GroupBy("team"));
  EXPECT_EQ(by_team.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(DeclarativeMetricTest, ARatioWithAParameter) {
  definitions_.Write("big_deal_win_rate.textproto", kBigDealWinRate);
  EXPECT_EQ(Reload()["big_deal_win_rate.textproto"].outcome, SourceReport::Outcome::kLoaded);

  // January, amount >= 1000: o1 won, o2 lost, o3 won -> 2 / 3.
  auto r = Compute(Request("big_deal_win_rate").Period("2024-01-01", "2024-02-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsRatio(r->result().value(), 2, 3));
  // Every amount: o8 (50) won and o7 (0) lost join -> 3 / 5.
  auto all = Compute(Request("big_deal_win_rate").Period("2024-01-01", "2024-02-01").Param("min_amount", "0"));
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_TRUE(IsRatio(all->result().value(), 3, 5));
  // By team: t_east o1 won, o2 lost -> 1/2; t_west o3 won -> 1/1.
  auto teams = Compute(Request("big_deal_win_rate").Period("2024-01-01", "2024-02-01").GroupBy("team"));
  ASSERT_TRUE(teams.ok()) << teams.status();
  EXPECT_TRUE(IsRatio(GroupResult(teams->groups(), "t_east").value(), 1, 2));
  EXPECT_TRUE(IsRatio(GroupResult(teams->groups(), "t_west").value(), 1, 1));
  // February: only o4 (700) closes, under 1000: nothing closed -> absent.
  auto february = Compute(Request("big_deal_win_rate").Period("2024-02-01", "2024-03-01"));
  ASSERT_TRUE(february.ok()) << february.status();
  EXPECT_TRUE(IsAbsent(february->result().value()));
  // The declared range holds.
  auto negative = Compute(Request("big_deal_win_rate").Period("2024-01-01", "2024-02-01").Param("min_amount", "-1"));
  EXPECT_EQ(negative.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(negative.status().message(), HasSubstr("min_amount"));
}

TEST_P(DeclarativeMetricTest, RefusesAnythingButOneReadOnlySelectWithFileLineAndReason) {
  definitions_.Write("won_amount.textproto", kWonAmountDefinition);
  definitions_.Write("update.textproto", WithSql("update", "UPDATE opportunities SET amount_minor = 0"));
  definitions_.Write("hidden_delete.textproto",
                     WithSql("hidden_delete", "WITH gone AS (DELETE FROM opportunities RETURNING id) SELECT 1"));
  definitions_.Write("two.textproto", WithSql("two", "SELECT 1; SELECT 2"));
  definitions_.Write("syntax.textproto",
                     WithSql("syntax", "WITH {{buckets}} SELECT b.bucket, NULL AS group_key, COUNT(* FROM buckets b"));
  definitions_.Write("no_table.textproto",
                     WithSql("no_table", "WITH {{buckets}} SELECT b.bucket, NULL, COUNT(*) FROM buckets b, deals d"));
  definitions_.Write("unknown_parameter.textproto",
                     WithSql("unknown_parameter", "WITH {{buckets}} SELECT b.bucket, NULL, :region_name FROM buckets b"));
  definitions_.Write("bad_text.textproto", "id: \"bad_text\"\nunit: count\n");
  definitions_.Write("no_default.textproto",
                     "id: \"no_default\"\nunit: \"count\"\nparameter {\n  name: \"n\"\n  type: \"integer\"\n}\n"
                     "sql: \"WITH {{buckets}} SELECT b.bucket, NULL, :n FROM buckets b\"\n");
  definitions_.Write("bad_dimension.textproto",
                     "id: \"bad_dimension\"\nunit: \"count\"\nfilter_dimensions: \"planet\"\n"
                     "sql: \"WITH {{buckets}} SELECT b.bucket, NULL, 0 FROM buckets b\"\n");

  auto reports = Reload();
  const auto error = [&](const std::string& name) -> std::string {
    const SourceReport& report = reports[name];
    EXPECT_EQ(report.outcome, SourceReport::Outcome::kRefused) << name;
    EXPECT_FALSE(report.kept_previous) << name;
    return std::string(report.error.message());
  };
  const auto where = [&](const std::string& name, int line) { return definitions_.File(name) + ":" + std::to_string(line) + ": "; };
  EXPECT_EQ(error("update.textproto"), where("update.textproto", 5) + "sql is not a SELECT statement");
  EXPECT_EQ(error("hidden_delete.textproto"), where("hidden_delete.textproto", 5) + "sql is not read-only: it uses DELETE");
  EXPECT_EQ(error("two.textproto"), where("two.textproto", 5) + "sql holds more than one statement");
  EXPECT_THAT(error("syntax.textproto"),
              HasSubstr(where("syntax.textproto", 5) + "sql does not prepare on the database: "));
  EXPECT_THAT(error("syntax.textproto"), HasSubstr("syntax error"));
  EXPECT_THAT(error("no_table.textproto"), HasSubstr(where("no_table.textproto", 5) + "sql does not prepare"));
  EXPECT_THAT(error("no_table.textproto"), HasSubstr("deals"));
  EXPECT_EQ(error("unknown_parameter.textproto"),
            where("unknown_parameter.textproto", 5) +
                "sql uses the unknown parameter :region_name; declare it in a parameter { } block");
  EXPECT_THAT(error("bad_text.textproto"), HasSubstr(where("bad_text.textproto", 2)));
  EXPECT_EQ(error("no_default.textproto"),
            where("no_default.textproto", 3) + "parameter n has no default_value; declarative parameters need one");
  EXPECT_EQ(error("bad_dimension.textproto"), where("bad_dimension.textproto", 3) + "unknown dimension \"planet\"");
  EXPECT_THAT(error("bad_dimension.textproto"), HasSubstr("planet"));

  // The good definition serves; none of the refused ones does.
  EXPECT_EQ(reports["won_amount.textproto"].outcome, SourceReport::Outcome::kLoaded);
  ASSERT_EQ(registry_.List().size(), 1u);
  EXPECT_EQ(registry_.List()[0]->id(), "won_amount");
}

TEST_P(DeclarativeMetricTest, RefusesQueriesThatHideAStatementOrReachBeyondTheTables) {
  definitions_.Write("dollar_quote.textproto",
                     WithSql("dollar_quote", "WITH {{buckets}} SELECT b.bucket, NULL, $$;$$ FROM buckets b; "
                                             "DELETE FROM leads"));
  definitions_.Write("read_file.textproto",
                     WithSql("read_file", "WITH {{buckets}} SELECT b.bucket, NULL, "
                                          "length(pg_catalog.pg_read_file('/etc/passwd')) FROM buckets b"));
  definitions_.Write("macro_in_literal.textproto",
                     WithSql("macro_in_literal", "WITH {{buckets}} SELECT b.bucket, {{group_key(opportunity, ')}}, 0 "
                                                 "FROM buckets b; DELETE FROM leads; --')}}"));

  auto reports = Reload();
  const auto error = [&](const std::string& name) {
    EXPECT_EQ(reports[name].outcome, SourceReport::Outcome::kRefused) << name;
    return std::string(reports[name].error.message());
  };
  const auto where = [&](const std::string& name) { return definitions_.File(name) + ":5: "; };
  EXPECT_EQ(error("dollar_quote.textproto"), where("dollar_quote.textproto") + "sql holds more than one statement");
  EXPECT_EQ(error("read_file.textproto"),
            where("read_file.textproto") + "sql calls pg_read_file, which reads the server's files");
  EXPECT_EQ(error("macro_in_literal.textproto"),
            where("macro_in_literal.textproto") +
                "sql has the macro {{group_key}} in a literal, a quoted identifier or a comment");
  EXPECT_TRUE(registry_.List().empty());
}

TEST_P(DeclarativeMetricTest, TheExamplesOfTheDocsLoadAndCompute) {
  for (const auto& entry : std::filesystem::directory_iterator(EXAMPLE_DEFINITIONS_DIR)) {
    definitions_.Copy(entry.path().string(), entry.path().filename().string());
  }
  auto reports = Reload();
  EXPECT_EQ(reports["key_deal_win_rate.textproto"].outcome, SourceReport::Outcome::kLoaded);
  EXPECT_EQ(reports["large_deals_won.textproto"].outcome, SourceReport::Outcome::kLoaded);

  // January: the only key deal closed is o2, lost -> 0 / 1.
  auto key = Compute(Request("key_deal_win_rate").Period("2024-01-01", "2024-02-01"));
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_TRUE(IsRatio(key->result().value(), 0, 1));
  // Won in January from 1000: o1 (1001) and o3 (2001); by team, every
  // amount: t_east o1 and o8, t_west o3.
  auto large = Compute(Request("large_deals_won").Period("2024-01-01", "2024-02-01").Param("min_amount", "1000"));
  ASSERT_TRUE(large.ok()) << large.status();
  EXPECT_TRUE(IsCount(large->result().value(), 2));
  auto by_team =
      Compute(Request("large_deals_won").Period("2024-01-01", "2024-02-01").Param("min_amount", "0").GroupBy("team"));
  ASSERT_TRUE(by_team.ok()) << by_team.status();
  EXPECT_TRUE(IsCount(GroupResult(by_team->groups(), "t_east").value(), 2));
  EXPECT_TRUE(IsCount(GroupResult(by_team->groups(), "t_west").value(), 1));
  // The default, 100 000.00, is more than any deal here.
  auto default_min = Compute(Request("large_deals_won").Period("2024-01-01", "2024-02-01"));
  ASSERT_TRUE(default_min.ok()) << default_min.status();
  EXPECT_TRUE(IsCount(default_min->result().value(), 0));
}

INSTANTIATE_BACKENDS(DeclarativeMetricTest);

}  // namespace
}  // namespace salesmetrics::testing
