// The demo company's catalog: its regions, customer segments, industries,
// product lines, lead channels, pipeline stages, lost reasons and
// competitors, each with how often it occurs and what sets it apart. The
// ids are the values the tables hold. Weights are relative frequencies;
// money is in yuan here and in fen (minor units) in the tables.
#ifndef SALESMETRICS_SERVER_ADMIN_DEMO_CATALOG_H_
#define SALESMETRICS_SERVER_ADMIN_DEMO_CATALOG_H_

#include <cstddef>
#include <cstdint>
#include <iterator>

namespace salesmetrics::demo {

inline constexpr int64_t kFenPerYuan = 100;
inline constexpr int64_t kAmountUnit = 100 * kFenPerYuan;  // amounts are whole hundreds of yuan

inline int64_t RoundTo(int64_t value, int64_t unit) { return (value + unit / 2) / unit * unit; }

struct Region {
  const char* id;
  const char* title;
  int weight;
};
inline constexpr Region kRegions[] = {
    {"east", "East", 35}, {"south", "South", 25}, {"north", "North", 25}, {"west", "West", 15}};

struct Segment {
  const char* id;
  int weight;
  int64_t deal_size_multiplier;
  int64_t win_percent;
  int64_t min_cycle_days, max_cycle_days;
};
inline constexpr Segment kSegments[] = {
    {"smb", 55, 1, 36, 20, 90}, {"mid", 30, 3, 30, 40, 150}, {"enterprise", 15, 10, 24, 90, 300}};
inline constexpr size_t kSmb = 0;

struct Industry {
  const char* id;
  int weight;
  const char* company_word;  // in account names
};
inline constexpr Industry kIndustries[] = {{"manufacturing", 20, "Industrial"}, {"retail", 15, "Retail"},
                                           {"finance", 12, "Capital"},          {"healthcare", 10, "Medical"},
                                           {"technology", 18, "Technology"},    {"education", 8, "Education"},
                                           {"logistics", 10, "Logistics"},      {"energy", 7, "Energy"}};

struct ProductLine {
  const char* id;
  const char* title;
  int weight;
  int64_t list_price_yuan;
};
inline constexpr ProductLine kProductLines[] = {{"crm", "CRM Suite", 30, 60'000},
                                                {"analytics", "Analytics", 25, 45'000},
                                                {"cloud", "Cloud Platform", 20, 80'000},
                                                {"data_platform", "Data Platform", 10, 150'000},
                                                {"services", "Professional Services", 15, 20'000}};

// `weight` is the channel's share of the leads that become opportunities;
// its funnel rates then decide how many leads it brings in overall.
struct Channel {
  const char* id;
  int weight;
  int64_t mql_percent;         // of its leads
  int64_t sql_percent;         // of its MQLs
  int64_t cost_per_lead_yuan;  // marketing spend
  const char* campaign;        // campaigns are named "<campaign> <year>-Q<n>"
};
inline constexpr Channel kChannels[] = {
    {"web", 28, 45, 30, 400, "Content marketing"},    {"paid_search", 20, 40, 28, 1000, "Search ads"},
    {"event", 15, 55, 32, 2500, "Industry summit"},   {"referral", 14, 70, 55, 500, "Customer referrals"},
    {"partner", 13, 60, 45, 1200, "Partner program"}, {"social", 10, 35, 22, 600, "WeChat campaign"}};
inline constexpr size_t kChannelCount = std::size(kChannels);

struct Stage {
  const char* id;
  const char* name;
  int64_t win_probability;
};
inline constexpr Stage kStages[] = {{"qualification", "Qualification", 10},
                                    {"discovery", "Discovery", 25},
                                    {"proposal", "Proposal", 50},
                                    {"negotiation", "Negotiation", 75},
                                    {"commit", "Commit", 90}};
inline constexpr size_t kStageCount = std::size(kStages);

struct LostReason {
  const char* id;
  int weight;
};
inline constexpr LostReason kLostReasons[] = {{"price", 24},  {"competitor", 24},  {"no_budget", 15},
                                              {"timing", 13}, {"no_decision", 14}, {"product_fit", 10}};

inline constexpr const char* kCompetitors[] = {"Salesforce", "HubSpot",           "Zoho", "Kingdee", "Yonyou",
                                               "Fxiaoke",    "Microsoft Dynamics"};

}  // namespace salesmetrics::demo

#endif  // SALESMETRICS_SERVER_ADMIN_DEMO_CATALOG_H_
