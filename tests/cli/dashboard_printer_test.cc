#include "clients/cli/dashboard_printer.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/cli/text_proto.h"

namespace salesmetrics::cli {
namespace {

namespace v1 = salesmetrics::v1;

// 2024-04-01 to 2024-07-01 in Asia/Shanghai, as of 2024-07-01 00:00 there.
constexpr char kPeriod[] = R"pb(
  period {
    start_time { seconds: 1711900800 }
    end_time { seconds: 1719763200 }
    as_of { seconds: 1719763200 }
    time_zone: "Asia/Shanghai"
  }
)pb";
constexpr char kPeriodHeading[] =
    "[2024-04-01T00:00:00+08:00, 2024-07-01T00:00:00+08:00) Asia/Shanghai  as of 2024-07-01T00:00:00+08:00\n";

TEST(RenderBriefingTest, PrintsBothPeriodsAndARowPerMetric) {
  const auto response = ParseTextProto<v1::ComputeSalesBriefingResponse>(absl::StrCat(kPeriod, R"pb(
    previous_period {
      start_time { seconds: 1704038400 }
      end_time { seconds: 1711900800 }
      as_of { seconds: 1719763200 }
      time_zone: "Asia/Shanghai"
    }
    lines {
      metric: "total_sales"
      display_name: "Total sales"
      unit: UNIT_MONEY
      current { money { currency_code: "CNY" minor_units: 150000 } }
      previous { money { currency_code: "CNY" minor_units: 200000 } }
      absolute_change { money { currency_code: "CNY" minor_units: -50000 } }
      relative_change { ratio: -0.25 }
    }
    lines {
      metric: "win_rate"
      display_name: "Win rate"
      unit: UNIT_RATIO
      current {
        ratio: 0.5
        fraction { count_numerator: 2 count_denominator: 4 }
      }
      previous {
        ratio: 0.25
        fraction { count_numerator: 1 count_denominator: 4 }
      }
      absolute_change { ratio: 0.25 }
      relative_change { ratio: 1 }
    }
    lines {
      metric: "new_customers"
      display_name: "New customers"
      unit: UNIT_COUNT
      current { count: 3 }
      previous { count: 0 }
      absolute_change { count: 3 }
      relative_change { absent_reason: "previous is 0" }
    }
  )pb"));
  EXPECT_EQ(RenderDashboard(response),
            absl::StrCat("sales briefing  ", kPeriodHeading,
                         "compared with [2024-01-01T00:00:00+08:00, 2024-04-01T00:00:00+08:00) Asia/Shanghai\n"
                         "\n"
                         "metric              current      previous       change           change %\n"
                         "-------------  ------------  ------------  -----------  -----------------\n"
                         "Total sales    1,500.00 CNY  2,000.00 CNY  -500.00 CNY           -25.00 %\n"
                         "Win rate            50.00 %       25.00 %    +25.00 pp          +100.00 %\n"
                         "New customers             3             0           +3  — (previous is 0)\n"));
}

constexpr char kFunnel[] = R"pb(
  stages {
    stage_id: "lead"
    stage_name: "Lead"
    position: 1
    open_count: 4
    open_amount { currency_code: "CNY" minor_units: 400000 }
    reached_count: 10
    next_stage: "proposal"
    conversion_to_next {
      ratio: 0.5
      fraction { count_numerator: 5 count_denominator: 10 }
    }
    mean_dwell_days { days: 3.5 }
    lost_count: 2
    lost_amount { currency_code: "CNY" minor_units: 100000 }
  }
  stages {
    stage_id: "proposal"
    stage_name: "Proposal"
    position: 2
    open_count: 1
    open_amount { currency_code: "CNY" minor_units: 50000 }
    reached_count: 5
    next_stage: "won"
    conversion_to_next {
      ratio: 0.4
      fraction { count_numerator: 2 count_denominator: 5 }
    }
    mean_dwell_days { absent_reason: "none left" }
    lost_amount { currency_code: "CNY" }
  }
  cohort_count: 10
  won_count: 2
)pb";

TEST(RenderFunnelTest, PrintsARowPerStageThenTheChart) {
  const auto response = ParseTextProto<v1::ComputeFunnelResponse>(absl::StrCat(kPeriod, kFunnel));
  EXPECT_EQ(RenderDashboard(response, "#"),
            absl::StrCat("funnel  ", kPeriodHeading,
                         "created in the period: 10, won: 2\n"
                         "\n"
                         "stage     open   open amount  reached  to next     mean dwell  lost   lost amount\n"
                         "--------  ----  ------------  -------  -------  -------------  ----  ------------\n"
                         "Lead         4  4,000.00 CNY       10  50.00 %       3.5 days     2  1,000.00 CNY\n"
                         "Proposal     1    500.00 CNY        5  40.00 %  — (none left)     0      0.00 CNY\n"
                         "\n"
                         "Lead      ########################################  10  50.00 % to Proposal\n"
                         "Proposal            ####################             5  40.00 % to won\n"
                         "won                       ########                   2\n"));
}

TEST(RenderForecastTest, PrintsARowPerFigure) {
  const auto response = ParseTextProto<v1::ComputeForecastResponse>(absl::StrCat(kPeriod, R"pb(
    won_to_date { money { currency_code: "CNY" minor_units: 100000 } }
    weighted_pipeline { money { currency_code: "CNY" minor_units: 50000 } }
    open_pipeline { money { currency_code: "CNY" minor_units: 200000 } }
    forecast { money { currency_code: "CNY" minor_units: 150000 } }
    best_case { money { currency_code: "CNY" minor_units: 300000 } }
    target { money { currency_code: "CNY" minor_units: 200000 } }
    forecast_attainment {
      ratio: 0.75
      fraction {
        money_numerator { currency_code: "CNY" minor_units: 150000 }
        money_denominator { currency_code: "CNY" minor_units: 200000 }
      }
    }
    pipeline_coverage { ratio: 2 }
  )pb"));
  EXPECT_EQ(RenderDashboard(response), absl::StrCat("forecast  ", kPeriodHeading,
                                                    "\n"
                                                    "figure                                                value\n"
                                                    "-------------------  --------------------------------------\n"
                                                    "won to date                                    1,000.00 CNY\n"
                                                    "weighted pipeline                                500.00 CNY\n"
                                                    "open pipeline                                  2,000.00 CNY\n"
                                                    "forecast                                       1,500.00 CNY\n"
                                                    "best case                                      3,000.00 CNY\n"
                                                    "target                                         2,000.00 CNY\n"
                                                    "forecast attainment  75.00 %  (1,500.00 CNY / 2,000.00 CNY)\n"
                                                    "pipeline coverage                                  200.00 %\n"));
}

TEST(RenderPerformanceTest, PrintsRepsThenTeamsThenTheCompanyThenPaymentsWithoutOpportunity) {
  const auto response = ParseTextProto<v1::ComputePerformanceCollectionResponse>(absl::StrCat(kPeriod, R"pb(
    reps {
      id: "r1"
      name: "张三"
      team_id: "t1"
      target { money { currency_code: "CNY" minor_units: 100000 } }
      won_amount { money { currency_code: "CNY" minor_units: 50000 } }
      attainment {
        ratio: 0.5
        fraction {
          money_numerator { minor_units: 50000 }
          money_denominator { minor_units: 100000 }
        }
      }
      collected_in_period { money { currency_code: "CNY" minor_units: 20000 } }
      collected_against_won { money { currency_code: "CNY" minor_units: 10000 } }
      collection_rate { ratio: 0.2 }
    }
    teams {
      id: "t1"
      name: "华东"
      target { absent_reason: "no target" }
      won_amount { money { currency_code: "CNY" minor_units: 50000 } }
      attainment { absent_reason: "no target" }
      collected_in_period { money { currency_code: "CNY" minor_units: 20000 } }
      collected_against_won { money { currency_code: "CNY" minor_units: 10000 } }
      collection_rate { ratio: 0.2 }
    }
    company {
      name: "company"
      won_amount { money { currency_code: "CNY" minor_units: 50000 } }
    }
    collected_without_opportunity { money { currency_code: "CNY" minor_units: 700 } }
  )pb"));
  EXPECT_EQ(
      RenderDashboard(response),
      absl::StrCat("performance and collection  ", kPeriodHeading,
                   "\n"
                   "         id  name     team        target         won  attainment   collected  collected on won"
                   "  collection rate\n"
                   "-------  --  -------  ----  ------------  ----------  ----------  ----------  ----------------"
                   "  ---------------\n"
                   "rep      r1  张三     t1    1,000.00 CNY  500.00 CNY     50.00 %  200.00 CNY        100.00 CNY"
                   "          20.00 %\n"
                   "team     t1  华东                      —  500.00 CNY           —  200.00 CNY        100.00 CNY"
                   "          20.00 %\n"
                   "company      company                   —  500.00 CNY           —           —                 —"
                   "                —\n"
                   "\n"
                   "collected without an opportunity: 7.00 CNY\n"));
}

}  // namespace
}  // namespace salesmetrics::cli
