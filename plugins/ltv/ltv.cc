// ltv: customer lifetime value (kpis.md §6). Variant `cohort`: what the
// period's new customers have paid by as_of per customer, times the gross
// margin; `predictive`: ARPA x gross margin / churn over the two years
// before as_of.
#include "plugins/common/customer_economics.h"
#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;
namespace ce = salesmetrics::customer_economics;

class Ltv : public sdk::Metric {
 public:
  sdk::MetricInfo Info() const override {
    return {
        .id = "ltv",
        .display_name = "Customer lifetime value",
        .description = "Gross margin on the payments of a customer over its lifetime.",
        .unit = SM_UNIT_MONEY,
        .parameters = {ce::kLtvVariants.Parameter("variant"), ce::GrossMarginParameter()},
        .measures = {
            {"ltv", SM_UNIT_MONEY,
             "cohort: gross_margin x customer_payments / customer_count; predictive: arpa x gross_margin / "
             "churn_rate (fraction: recent_payments x older accounts / (active_account_count x churned "
             "accounts)); to the nearest minor unit"},
            {"customer_count", SM_UNIT_COUNT, "cohort: accounts whose first won opportunity closed in the period"},
            {"customer_payments", SM_UNIT_MONEY, "cohort: all their payments received by as_of, refunds included"},
            {"arpa", SM_UNIT_MONEY, "predictive: recent_payments / active_account_count, rounded for display"},
            {"churn_rate", SM_UNIT_RATIO,
             "predictive: accounts paying in [as_of - 730 d, as_of - 365 d) without a payment in "
             "[as_of - 365 d, as_of) / accounts paying in the former"},
            {"active_account_count", SM_UNIT_COUNT, "predictive: accounts with a payment in [as_of - 365 d, as_of)"},
            {"recent_payments", SM_UNIT_MONEY, "predictive: payments received in [as_of - 365 d, as_of)"},
        },
    };
  }

  void Compute(sdk::Request& request) const override {
    const ce::Variant& variant = ce::kLtvVariants.Chosen(request, "variant");
    ce::EmitFigures(request, ce::ComputeLtv(request, variant), "ltv");
    request.SetDefinition(variant.name, variant.formula);
  }
};

}  // namespace

SALESMETRICS_PLUGIN("ltv", registry) { registry.Add<Ltv>(); }
