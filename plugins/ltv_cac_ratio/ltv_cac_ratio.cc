// ltv_cac_ratio: ltv / cac for the same period and parameters, as both
// return them (rounded to minor units), with a health band (kpis.md §7).
#include <string>

#include "plugins/common/customer_economics.h"
#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;
namespace ce = salesmetrics::customer_economics;
using salesmetrics::Int128;

struct HealthBand {
  const char* name;
  const char* advice;
};

constexpr HealthBand kRed = {"red", "Losing money on each customer: lifetime value is below acquisition cost."};
constexpr HealthBand kYellow = {"yellow", "Below the 3:1 SaaS norm: each customer returns less than three times "
                                          "its acquisition cost."};
constexpr HealthBand kGreen = {"green", "Healthy: lifetime value is three to five times acquisition cost."};
constexpr HealthBand kBlue = {"blue", "Efficient, but under-investing in growth: spend more on marketing."};

// The band of ltv / cac for cac > 0, by exact integer comparisons.
const HealthBand& BandOf(int64_t ltv, int64_t cac) {
  if (ltv < cac) return kRed;
  if (ltv < 3 * static_cast<Int128>(cac)) return kYellow;
  if (ltv < 5 * static_cast<Int128>(cac)) return kGreen;
  return kBlue;
}

std::string ReasonOf(const sdk::Value& absent) { return std::string(absent.raw().text, absent.raw().text_len); }

// ltv / cac as returned; absent when either is or cac is 0.
sdk::Value LtvOverCac(const sdk::Value& ltv, const sdk::Value& cac) {
  if (ltv.absent()) return sdk::Absent("ltv has no value: " + ReasonOf(ltv));
  if (cac.absent()) return sdk::Absent("cac has no value: " + ReasonOf(cac));
  return sdk::Ratio(sdk::MoneyOf(ltv.integer()), sdk::MoneyOf(cac.integer()), "cac is 0");
}

class LtvCacRatio : public sdk::Metric {
 public:
  sdk::MetricInfo Info() const override {
    return {
        .id = "ltv_cac_ratio",
        .display_name = "LTV to CAC",
        .description = "Customer lifetime value over customer acquisition cost, with a health band.",
        .unit = SM_UNIT_RATIO,
        .parameters = {ce::kLtvVariants.Parameter("ltv_variant"), ce::kCacVariants.Parameter("cac_variant"),
                       ce::GrossMarginParameter()},
        .measures = {
            {"ltv_cac_ratio", SM_UNIT_RATIO, "ltv / cac, both as returned in minor units"},
            {"ltv", SM_UNIT_MONEY, "The ltv metric for the period and parameters"},
            {"cac", SM_UNIT_MONEY, "The cac metric for the period and parameters"},
            {"health_band", SM_UNIT_TEXT, "red below 1, yellow below 3, green below 5, blue from 5"},
            {"health_advice", SM_UNIT_TEXT, "What the band means"},
        },
    };
  }

  void Compute(sdk::Request& request) const override {
    const ce::Variant& ltv_variant = ce::kLtvVariants.Chosen(request, "ltv_variant");
    const ce::Variant& cac_variant = ce::kCacVariants.Chosen(request, "cac_variant");
    const ce::LtvAndNewCustomers ltvs = ce::ComputeLtvAndNewCustomers(request, ltv_variant);
    for (const auto& [cell, cac_figures] : ce::ComputeCac(request, cac_variant, ltvs.new_customer_counts)) {
      const sdk::Value& ltv = ltvs.ltv.at(cell).headline;
      const sdk::Value& cac = cac_figures.headline;
      request.Emit(cell, "ltv", ltv);
      request.Emit(cell, "cac", cac);
      const sdk::Value ratio = LtvOverCac(ltv, cac);
      request.Emit(cell, "ltv_cac_ratio", ratio);
      if (ratio.absent()) {
        const sdk::Value none = sdk::Absent(ReasonOf(ratio));
        request.Emit(cell, "health_band", none);
        request.Emit(cell, "health_advice", none);
        continue;
      }
      const HealthBand& band = BandOf(ltv.integer(), cac.integer());
      request.Emit(cell, "health_band", sdk::Text(band.name));
      request.Emit(cell, "health_advice", sdk::Text(band.advice));
    }
    request.SetDefinition(std::string(ltv_variant.name) + "/" + cac_variant.name,
                          std::string("ltv (") + ltv_variant.name + ": " + ltv_variant.formula + ") / cac (" +
                              cac_variant.name + ": " + cac_variant.formula + "), both in minor units");
  }
};

}  // namespace

SALESMETRICS_PLUGIN("ltv_cac_ratio", registry) { registry.Add<LtvCacRatio>(); }
