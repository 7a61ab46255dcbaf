#include "server/admin/demo/payments.h"

#include <optional>
#include <utility>

#include "server/admin/demo/calendar.h"
#include "server/admin/demo/catalog.h"

namespace salesmetrics::demo {
namespace {

constexpr int kInstallmentWeights[] = {50, 30, 20};  // 1 to 3 installments
constexpr int64_t kRefundPercent = 4;
constexpr int64_t kSupportContractPercent = 30;  // new customers who pay a yearly support fee...
constexpr int64_t kSupportFeePercent = 15;       // ...of their first deal, without an opportunity

}  // namespace

void PaymentWriter::WriteForWin(const Deal& deal, const std::string& account_id, bool first_win) {
  WriteInstallments(deal, account_id);
  if (first_win && world_.rng.Percent(kSupportContractPercent)) WriteSupportFees(deal, account_id);
}

void PaymentWriter::WriteInstallments(const Deal& deal, const std::string& account_id) {
  DeterministicRandom& rng = world_.rng;
  const int64_t installments = static_cast<int64_t>(rng.WeightedIndex(kInstallmentWeights)) + 1;
  const int64_t installment = RoundTo(deal.amount_minor / installments, kAmountUnit);
  absl::Time received_at = *deal.closed_at;
  for (int64_t i = 0; i < installments; ++i) {
    received_at += i == 0 ? RandomDuration(rng, 3 * kDay, 45 * kDay) : RandomDuration(rng, 30 * kDay, 100 * kDay);
    if (received_at >= world_.calendar.end()) return;
    const bool last = i + 1 == installments;
    Add(account_id, deal.id, received_at, last ? deal.amount_minor - installment * (installments - 1) : installment);
  }
  if (!rng.Percent(kRefundPercent)) return;
  const absl::Time refunded_at = received_at + RandomDuration(rng, 10 * kDay, 90 * kDay);
  const int64_t refund = RoundTo(deal.amount_minor * rng.Uniform(5, 30) / 100, kAmountUnit);
  if (refunded_at < world_.calendar.end()) Add(account_id, deal.id, refunded_at, -refund);
}

void PaymentWriter::WriteSupportFees(const Deal& deal, const std::string& account_id) {
  const int64_t fee = RoundTo(deal.amount_minor * kSupportFeePercent / 100, kAmountUnit);
  for (absl::Time t = *deal.closed_at + 365 * kDay; t < world_.calendar.end(); t += 365 * kDay) {
    Add(account_id, std::nullopt, t, fee);
  }
}

void PaymentWriter::Add(const std::string& account_id, SqlValue opportunity_id, absl::Time received_at,
                        int64_t amount) {
  world_.tables.payments.Add({ids_.Next(), account_id, std::move(opportunity_id), received_at, amount});
}

}  // namespace salesmetrics::demo
