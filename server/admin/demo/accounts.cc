#include "server/admin/demo/accounts.h"

#include <iterator>

#include "absl/strings/str_cat.h"
#include "server/admin/demo/catalog.h"
#include "server/admin/demo/table_writer.h"

namespace salesmetrics::demo {
namespace {

constexpr int64_t kNoIndustryPercent = 3;
constexpr int64_t kRepeatDealPercent = 30;  // of the deals in a region with customers

constexpr const char* kCompanyPrefixes[] = {"Hua", "Zhong", "Jin", "Xin",   "Tian", "Hong",
                                            "Bei", "Dong",  "Nan", "Chang", "Heng", "Da"};
constexpr const char* kCompanyStems[] = {"xin", "tai",  "feng", "sheng", "yuan", "hai",
                                         "rui", "kang", "long", "cheng", "an",   "hua"};

std::string CompanyName(DeterministicRandom& rng, std::optional<size_t> industry) {
  const std::string prefix = rng.Pick(kCompanyPrefixes);
  const std::string stem = rng.Pick(kCompanyStems);
  return absl::StrCat(prefix, stem, " ", industry ? kIndustries[*industry].company_word : "Group", " Co., Ltd.");
}

}  // namespace

AccountBook::AccountBook(World& world) : world_(world), customers_by_region_(std::size(kRegions)) {}

Account AccountBook::New(size_t region) {
  Account account{.id = ids_.Next(), .region = region};
  account.segment = world_.rng.WeightedIndex(kSegments);
  account.team = world_.sales_force.PickTeam(region);
  if (!world_.rng.Percent(kNoIndustryPercent)) account.industry = world_.rng.WeightedIndex(kIndustries);
  account.name = CompanyName(world_.rng, account.industry);
  return account;
}

void AccountBook::Add(Account account) {
  world_.tables.accounts.Add({account.id, account.name, kSegments[account.segment].id,
                              account.industry ? SqlValue(kIndustries[*account.industry].id) : std::nullopt,
                              kRegions[account.region].id, account.created_at});
  accounts_.push_back(std::move(account));
}

std::string AccountBook::AddProspect(size_t region, absl::Time created_at) {
  Account account = New(region);
  account.created_at = created_at;
  std::string id = account.id;
  Add(std::move(account));
  return id;
}

std::optional<size_t> AccountBook::PickCustomer(size_t region) {
  const std::vector<size_t>& customers = customers_by_region_[region];
  if (customers.empty() || !world_.rng.Percent(kRepeatDealPercent)) return std::nullopt;
  return world_.rng.Pick(customers);
}

void AccountBook::MakeCustomersOfWinsUntil(absl::Time t) {
  while (!pending_wins_.empty() && pending_wins_.top().first <= t) {
    const size_t index = pending_wins_.top().second;
    pending_wins_.pop();
    if (accounts_[index].can_buy_again) continue;
    accounts_[index].can_buy_again = true;
    customers_by_region_[accounts_[index].region].push_back(index);
  }
}

}  // namespace salesmetrics::demo
