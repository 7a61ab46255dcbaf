#include "server/admin/demo/deal_maker.h"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <numeric>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "server/admin/demo/calendar.h"
#include "server/admin/demo/catalog.h"
#include "server/admin/demo/deal.h"
#include "server/admin/demo/deal_stages.h"
#include "server/admin/demo/payments.h"
#include "server/admin/demo/tables.h"
#include "server/admin/demo/tasks.h"

namespace salesmetrics::demo {
namespace {

constexpr int64_t kKeyDealMinor = 1'000'000 * kFenPerYuan;  // deals from 1M yuan are key deals
constexpr int64_t kOutboundPercent = 12;                    // new-business deals that start without a lead
constexpr int64_t kRepeatAmountPercent = 60;                // existing customers buy smaller deals
constexpr int64_t kOwnerKeepsCustomerPercent = 80;

// Deal sizes have a long tail: a band, then a percentage of the list price
// uniformly within it.
struct SizeBand {
  int weight;
  int64_t min_percent, max_percent;
};
constexpr SizeBand kSizeBands[] = {{45, 50, 100}, {35, 100, 200}, {15, 200, 500}, {5, 500, 1200}};

constexpr int kCompetitorCountWeights[] = {30, 40, 22, 8};  // 0 to 3 competitors

constexpr const char* kStatusIds[] = {"open", "won", "lost"};  // by DealStatus

class DealMaker {
 public:
  DealMaker(World& world, AccountBook& accounts, LeadBook& leads)
      : world_(world), rng_(world.rng), accounts_(accounts), leads_(leads), tasks_(world), payments_(world) {}

  void GenerateAll(int64_t count) {
    std::vector<absl::Time> created(static_cast<size_t>(count));
    for (absl::Time& t : created) t = world_.calendar.DrawBusinessTime(rng_);
    std::sort(created.begin(), created.end());
    world_.progress.StartPhase("opportunities", count);
    for (size_t i = 0; i < created.size(); ++i) {
      Generate(created[i]);
      world_.progress.Update(static_cast<int64_t>(i + 1));
    }
  }

 private:
  void Generate(absl::Time created_at) {
    accounts_.MakeCustomersOfWinsUntil(created_at);
    Deal deal = Open(created_at);
    PlayOut(world_, accounts_.at(deal.account).segment, deal);
    Write(deal);
    accounts_.at(deal.account).last_owner = deal.owner;
    if (deal.status == DealStatus::kWon) FollowUpWin(deal);
  }

  Deal Open(absl::Time created_at) {
    Deal deal{.id = ids_.Next(), .created_at = created_at};
    const size_t region = rng_.WeightedIndex(kRegions);
    if (const std::optional<size_t> customer = accounts_.PickCustomer(region)) {
      StartWithCustomer(deal, *customer);
    } else {
      StartWithNewAccount(deal, region);
    }
    deal.product = rng_.WeightedIndex(kProductLines);
    deal.amount_minor = Amount(deal.product, accounts_.at(deal.account).segment, deal.repeat);
    deal.competitors = DrawCompetitors();
    return deal;
  }

  void StartWithCustomer(Deal& deal, size_t customer) {
    const Account& account = accounts_.at(customer);
    deal.account = customer;
    deal.repeat = true;
    const bool keeps_owner = world_.sales_force.rep(account.last_owner).EmployedAt(deal.created_at) &&
                             rng_.Percent(kOwnerKeepsCustomerPercent);
    deal.first_owner = keeps_owner ? account.last_owner : world_.sales_force.PickRep(account.team, deal.created_at);
  }

  // Most new business comes from a lead; the account is created with it.
  void StartWithNewAccount(Deal& deal, size_t region) {
    Account account = accounts_.New(region);
    deal.account = accounts_.next_index();
    deal.first_owner = world_.sales_force.PickRep(account.team, deal.created_at);
    std::optional<Lead> lead;
    if (!rng_.Percent(kOutboundPercent)) lead = leads_.Converted(deal.created_at, deal.id, account, deal.first_owner);
    const absl::Time first_contact = lead ? lead->created_at : deal.created_at;
    account.created_at = first_contact - RandomDuration(rng_, absl::ZeroDuration(), 14 * kDay);
    accounts_.Add(std::move(account));
    if (!lead) return;
    deal.lead_id = lead->id;
    leads_.AddConverted(*lead);
  }

  // A list price scaled by the customer's size and a deal-size band.
  int64_t Amount(size_t product, size_t segment, bool repeat) {
    const SizeBand& band = kSizeBands[rng_.WeightedIndex(kSizeBands)];
    const int64_t percent = rng_.Uniform(band.min_percent, band.max_percent);
    const int64_t list_minor = kProductLines[product].list_price_yuan * kFenPerYuan;
    const int64_t amount = list_minor * kSegments[segment].deal_size_multiplier * percent / 100;
    return RoundTo(repeat ? amount * kRepeatAmountPercent / 100 : amount, kAmountUnit);
  }

  std::vector<size_t> DrawCompetitors() {
    std::vector<size_t> competitors(std::size(kCompetitors));
    std::iota(competitors.begin(), competitors.end(), 0);
    const size_t count = rng_.WeightedIndex(kCompetitorCountWeights);
    for (size_t i = 0; i < count; ++i) {  // a partial Fisher-Yates shuffle
      const auto j = static_cast<size_t>(rng_.Uniform(static_cast<int64_t>(i), std::ssize(competitors) - 1));
      std::swap(competitors[i], competitors[j]);
    }
    competitors.resize(count);
    return competitors;
  }

  void Write(const Deal& deal) {
    const Account& account = accounts_.at(deal.account);
    const ProductLine& product = kProductLines[deal.product];
    world_.tables.opportunities.Add({deal.id, absl::StrCat(account.name, " - ", product.title), account.id,
                                     world_.RepId(deal.owner), deal.lead_id, product.id, kRegions[account.region].id,
                                     deal.amount_minor, deal.created_at, deal.expected_close_date,
                                     kStages[deal.visits.back().stage].id, kStatusIds[static_cast<size_t>(deal.status)],
                                     deal.closed_at, deal.lost_reason, int64_t{deal.amount_minor >= kKeyDealMinor}});
    for (const StageVisit& visit : deal.visits) {
      world_.tables.stage_history.Add({deal.id, kStages[visit.stage].id, visit.entered_at, visit.exited_at});
    }
    for (size_t competitor : deal.competitors) {
      world_.tables.competitors.Add({deal.id, kCompetitors[competitor]});
    }
    tasks_.Write(deal);
  }

  // Payments, the sales ledger, and a customer who may buy again.
  void FollowUpWin(const Deal& deal) {
    Account& account = accounts_.at(deal.account);
    world_.ledger.RecordWin(*deal.closed_at, world_.sales_force.rep(deal.owner).team, deal.owner, deal.amount_minor);
    accounts_.RecordWin(deal.account, *deal.closed_at);
    payments_.WriteForWin(deal, account.id, /*first_win=*/!account.has_won);
    account.has_won = true;
  }

  World& world_;
  DeterministicRandom& rng_;
  AccountBook& accounts_;
  LeadBook& leads_;
  TaskWriter tasks_;
  PaymentWriter payments_;
  IdSequence ids_{"opp"};
};

}  // namespace

void MakeDeals(World& world, AccountBook& accounts, LeadBook& leads, int64_t count) {
  DealMaker(world, accounts, leads).GenerateAll(count);
}

}  // namespace salesmetrics::demo
