#include "server/admin/demo/leads.h"

#include <algorithm>
#include <iterator>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "server/admin/demo/calendar.h"
#include "server/admin/demo/table_writer.h"

namespace salesmetrics::demo {
namespace {

constexpr int64_t kSqlToOpportunityPercent = 85;
constexpr int64_t kSqlBeforeMqlPercent = 5;
constexpr int64_t kNoCampaignPercent = 15;
constexpr int64_t kRawLeadOwnerPercent = 60;     // leads not yet MQL that have an owner
constexpr int64_t kProspectAccountPercent = 35;  // MQLs recorded with an account

// How far a lead gets in the funnel.
enum FunnelStage { kLeadOnly, kMql, kSql };
// Leads that stop at a stage are disqualified (rather than left alone) this often.
constexpr int64_t kDisqualifiedPercent[] = {25, 40, 50};  // by FunnelStage

// How far a lead that never becomes a deal gets: the channel's funnel,
// drawn again whenever it would convert.
FunnelStage UnconvertedStage(DeterministicRandom& rng, const Channel& channel, int64_t sql_points) {
  for (;;) {
    if (!rng.Percent(channel.mql_percent)) return kLeadOnly;
    if (!rng.Percent(channel.sql_percent + sql_points)) return kMql;
    if (!rng.Percent(kSqlToOpportunityPercent)) return kSql;
  }
}

// Moves the lead through the funnel up to `stage`, as far as the end of
// the data; then disqualifies some.
void Advance(World& world, Lead& lead, FunnelStage stage) {
  DeterministicRandom& rng = world.rng;
  std::optional<absl::Time> last = lead.created_at;
  if (stage >= kMql) last = lead.mql_at = world.BeforeEnd(*last + RandomDuration(rng, absl::ZeroDuration(), 20 * kDay));
  if (stage >= kSql && last) last = lead.sql_at = world.BeforeEnd(*last + RandomDuration(rng, kDay, 21 * kDay));
  if (last && rng.Percent(kDisqualifiedPercent[stage])) {
    lead.disqualified_at = world.BeforeEnd(*last + RandomDuration(rng, kDay, 30 * kDay));
  }
}

std::optional<std::string> Campaign(DeterministicRandom& rng, size_t channel, absl::Time created_at) {
  if (rng.Percent(kNoCampaignPercent)) return std::nullopt;
  const absl::CivilDay day = DayOf(created_at);
  return absl::StrFormat("%s %d-Q%d", kChannels[channel].campaign, day.year(), (day.month() + 2) / 3);
}

}  // namespace

Lead LeadBook::Converted(absl::Time deal_created_at, const std::string& deal_id, const Account& account, size_t owner) {
  Lead lead{
      .id = ids_.Next(),
      .region = account.region,
      .owner = owner,
      .account_id = account.id,
      .opportunity_id = deal_id,
  };
  lead.channel = world_.rng.WeightedIndex(kChannels);
  absl::Time sql_at = deal_created_at - RandomDuration(world_.rng, absl::Hours(1), 5 * kDay);
  absl::Time mql_at = sql_at - RandomDuration(world_.rng, kDay, 21 * kDay);
  lead.created_at = mql_at - RandomDuration(world_.rng, absl::ZeroDuration(), 30 * kDay);
  // Sales sometimes accept a lead before marketing scores it.
  if (world_.rng.Percent(kSqlBeforeMqlPercent)) std::swap(mql_at, sql_at);
  lead.mql_at = mql_at;
  lead.sql_at = sql_at;
  lead.campaign = Campaign(world_.rng, lead.channel, lead.created_at);
  return lead;
}

void LeadBook::AddConverted(const Lead& lead) {
  Add(lead);
  const Channel& channel = kChannels[lead.channel];
  const int64_t converted_ppm = channel.mql_percent * channel.sql_percent * kSqlToOpportunityPercent;
  owed_permille_[lead.channel] += 1'000'000'000 / converted_ppm - 1000;
}

void LeadBook::GenerateUnconverted() {
  std::vector<std::pair<absl::Time, size_t>> created;  // (created_at, channel), in time order
  for (size_t channel = 0; channel < kChannelCount; ++channel) {
    for (int64_t i = 0; i < owed_permille_[channel] / 1000; ++i) {
      created.emplace_back(world_.calendar.DrawBusinessTime(world_.rng), channel);
    }
  }
  std::sort(created.begin(), created.end());
  world_.progress.StartPhase("leads", std::ssize(created));
  for (size_t i = 0; i < created.size(); ++i) {
    Add(Unconverted(created[i].second, created[i].first));
    world_.progress.Update(static_cast<int64_t>(i + 1));
  }
}

void LeadBook::Add(const Lead& lead) {
  world_.tables.leads.Add({lead.id, lead.created_at, kChannels[lead.channel].id, lead.campaign,
                           kRegions[lead.region].id, lead.owner ? SqlValue(world_.RepId(*lead.owner)) : std::nullopt,
                           lead.mql_at, lead.sql_at, lead.disqualified_at, lead.account_id, lead.opportunity_id});
  world_.ledger.RecordLead(lead.created_at, lead.mql_at, lead.channel);
}

Lead LeadBook::Unconverted(size_t channel, absl::Time created_at) {
  Lead lead{.id = ids_.Next(), .created_at = created_at, .channel = channel};
  lead.region = world_.rng.WeightedIndex(kRegions);
  lead.campaign = Campaign(world_.rng, channel, created_at);
  Advance(world_, lead, UnconvertedStage(world_.rng, kChannels[channel], world_.MoodAt(created_at).sql_points));
  if (lead.mql_at || world_.rng.Percent(kRawLeadOwnerPercent)) {
    lead.owner = world_.sales_force.PickRep(world_.sales_force.PickTeam(lead.region), created_at);
  }
  if (lead.mql_at && world_.rng.Percent(kProspectAccountPercent)) {
    lead.account_id = accounts_.AddProspect(lead.region, created_at);
  }
  return lead;
}

}  // namespace salesmetrics::demo
