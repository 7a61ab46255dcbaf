// The columns of the rows of top_opportunities and stalled_opportunities
// (plugins/common/opportunity_rows.h), for their tests.
#ifndef SALESMETRICS_TESTS_PLUGINS_OPPORTUNITY_ROWS_COLUMNS_H_
#define SALESMETRICS_TESTS_PLUGINS_OPPORTUNITY_ROWS_COLUMNS_H_

#include <string>
#include <vector>

#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {

// The declared columns, in order.
enum OpportunityColumn {
  kOpportunityId,
  kName,
  kAccountId,
  kAccountName,
  kOwnerRepId,
  kOwnerName,
  kStageId,
  kStageName,
  kAmount,
  kWeightedAmount,
  kAgeDays,
  kExpectedCloseDate,
  kIsKey,
};

// The opportunity ids of the rows, in order.
inline std::vector<std::string> OpportunityIds(const v1::Result& result) {
  std::vector<std::string> ids;
  for (const v1::Row& row : result.table().rows()) ids.push_back(row.values(kOpportunityId).text());
  return ids;
}

}  // namespace salesmetrics::testing

#endif  // SALESMETRICS_TESTS_PLUGINS_OPPORTUNITY_ROWS_COLUMNS_H_
