// cac: sales and marketing spend in the period / the period's new customers
// (kpis.md §4). Variant `marketing` divides the marketing spend only.
#include "plugins/common/customer_economics.h"
#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;
namespace ce = salesmetrics::customer_economics;

class Cac : public sdk::Metric {
 public:
  sdk::MetricInfo Info() const override {
    return {
        .id = "cac",
        .display_name = "Customer acquisition cost",
        .description = "Sales and marketing spend in the period per new customer (first won opportunity in the "
                       "period).",
        .unit = SM_UNIT_MONEY,
        .parameters = {ce::kCacVariants.Parameter("variant")},
        .measures = {
            {"cac", SM_UNIT_MONEY, "spend / new_customer_count, to the nearest minor unit"},
            {"spend", SM_UNIT_MONEY, "The spend the variant divides"},
            {"marketing_spend", SM_UNIT_MONEY, "Marketing expenses incurred in the period"},
            {"sales_spend", SM_UNIT_MONEY, "Sales expenses incurred in the period"},
            {"new_customer_count", SM_UNIT_COUNT, "Accounts whose first won opportunity closed in the period"},
        },
    };
  }

  void Compute(sdk::Request& request) const override {
    const ce::Variant& variant = ce::kCacVariants.Chosen(request, "variant");
    ce::EmitFigures(request, ce::ComputeCac(request, variant, ce::NewCustomerCounts(request)), "cac");
    request.SetDefinition(variant.name, variant.formula);
  }
};

}  // namespace

SALESMETRICS_PLUGIN("cac", registry) { registry.Add<Cac>(); }
