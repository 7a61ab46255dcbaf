// lost_reasons: lost opportunities with closed_at in the period per
// lost_reason (null and a stored `unspecified` together), with each
// reason's share of the lost count (kpis.md §11).
#include <string>
#include <vector>

#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;

constexpr char kLostByReason[] = R"sql(
WITH {{buckets}},
lost AS (
  SELECT b.bucket,
         {{group_key(opportunity, o)}} AS group_key,
         COALESCE(o.lost_reason, 'unspecified') AS reason,
         o.amount_minor
  FROM buckets b
  JOIN opportunities o ON o.closed_at >= b.start_at AND o.closed_at < b.end_at
  {{group_join(opportunity, o)}}
  WHERE o.status = 'lost'{{filters(opportunity, o)}}
)
SELECT bucket, group_key, reason, COUNT(*) AS lost_count, SUM(amount_minor) AS lost_amount
FROM lost
GROUP BY bucket, group_key, reason
ORDER BY lost_count DESC, reason {{collate_c}}
)sql";

struct Reason {
  std::string reason;
  int64_t count;
  int64_t amount;
};

struct LostDeals {
  int64_t count = 0;
  int64_t amount = 0;
  std::vector<Reason> reasons;  // in row order
};

class LostReasons : public sdk::Metric {
 public:
  sdk::MetricInfo Info() const override {
    return {
        .id = "lost_reasons",
        .display_name = "Lost-deal reasons",
        .description = "Opportunities lost (closed_at) in the period, per lost reason.",
        .unit = SM_UNIT_COUNT,
        .filter_dimensions = sdk::kOpportunityDimensions,
        .group_by_dimensions = sdk::kOpportunityDimensions,
        .measures = {
            {"lost_count", SM_UNIT_COUNT, "Opportunities lost in the period"},
            {"lost_amount", SM_UNIT_MONEY, "Amount of the opportunities lost in the period"},
        },
        .columns = {
            {"reason", SM_UNIT_TEXT, "lost_reason; null is `unspecified`"},
            {"lost_count", SM_UNIT_COUNT, "Opportunities lost for this reason"},
            {"lost_amount", SM_UNIT_MONEY, "Their amount"},
            {"share", SM_UNIT_RATIO, "This reason's lost_count / all lost_count"},
        },
    };
  }

  void Compute(sdk::Request& request) const override {
    auto cells = request.NewCellMap<LostDeals>();
    for (const auto& [bucket, group, reason, count, amount] :
         request.Query<int64_t, sdk::GroupKey, std::string, int64_t, int64_t>(kLostByReason)) {
      LostDeals& lost = cells[{bucket, group}];
      lost.count += count;
      lost.amount += amount;
      lost.reasons.push_back({reason, count, amount});
    }
    for (const auto& [cell, lost] : cells) {
      request.Emit(cell, "lost_count", sdk::Count(lost.count));
      request.Emit(cell, "lost_amount", sdk::Money(lost.amount));
      for (const Reason& r : lost.reasons) {
        request.EmitRow(cell, {sdk::Text(r.reason), sdk::Count(r.count), sdk::Money(r.amount),
                               sdk::Ratio(sdk::CountOf(r.count), sdk::CountOf(lost.count), "no lost opportunities")});
      }
    }
    request.SetDefinition("", "lost opportunities with closed_at in the period per lost_reason (null as "
                              "unspecified): count, amount, share of the lost count; by count descending, "
                              "then reason");
  }
};

}  // namespace

SALESMETRICS_PLUGIN("lost_reasons", registry) { registry.Add<LostReasons>(); }
