#include "server/admin/demo_data.h"

#include <soci/soci.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <iterator>
#include <memory>
#include <numeric>
#include <optional>
#include <queue>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "core/time/civil_time.h"
#include "server/admin/random.h"

namespace salesmetrics {
namespace {

// ---------------------------------------------------------------------------
// The demo company. Weights are relative frequencies; money is in yuan here
// and in fen (minor units) in the tables.

constexpr int64_t kFenPerYuan = 100;
constexpr int64_t kAmountUnit = 100 * kFenPerYuan;          // amounts are whole hundreds of yuan
constexpr int64_t kKeyDealMinor = 1'000'000 * kFenPerYuan;  // deals from 1M yuan are key deals

struct Region {
  const char* id;
  const char* title;
  int weight;
};
constexpr Region kRegions[] = {
    {"east", "East", 35}, {"south", "South", 25}, {"north", "North", 25}, {"west", "West", 15}};

struct Segment {
  const char* id;
  int weight;
  int64_t deal_size_multiplier;
  int64_t win_percent;
  int64_t min_cycle_days, max_cycle_days;
};
constexpr Segment kSegments[] = {
    {"smb", 55, 1, 36, 20, 90}, {"mid", 30, 3, 30, 40, 150}, {"enterprise", 15, 10, 24, 90, 300}};
constexpr size_t kSmb = 0;

struct Industry {
  const char* id;
  int weight;
  const char* company_word;  // in account names
};
constexpr Industry kIndustries[] = {{"manufacturing", 20, "Industrial"}, {"retail", 15, "Retail"},
                                    {"finance", 12, "Capital"},          {"healthcare", 10, "Medical"},
                                    {"technology", 18, "Technology"},    {"education", 8, "Education"},
                                    {"logistics", 10, "Logistics"},      {"energy", 7, "Energy"}};
constexpr int64_t kNoIndustryPercent = 3;

struct ProductLine {
  const char* id;
  const char* title;
  int weight;
  int64_t list_price_yuan;
};
constexpr ProductLine kProductLines[] = {{"crm", "CRM Suite", 30, 60'000},
                                         {"analytics", "Analytics", 25, 45'000},
                                         {"cloud", "Cloud Platform", 20, 80'000},
                                         {"data_platform", "Data Platform", 10, 150'000},
                                         {"services", "Professional Services", 15, 20'000}};

// Deal sizes have a long tail: a band, then a percentage of the list price
// uniformly within it.
struct SizeBand {
  int weight;
  int64_t min_percent, max_percent;
};
constexpr SizeBand kSizeBands[] = {{45, 50, 100}, {35, 100, 200}, {15, 200, 500}, {5, 500, 1200}};

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
constexpr Channel kChannels[] = {
    {"web", 28, 45, 30, 400, "Content marketing"},    {"paid_search", 20, 40, 28, 1000, "Search ads"},
    {"event", 15, 55, 32, 2500, "Industry summit"},   {"referral", 14, 70, 55, 500, "Customer referrals"},
    {"partner", 13, 60, 45, 1200, "Partner program"}, {"social", 10, 35, 22, 600, "WeChat campaign"}};
constexpr size_t kChannelCount = std::size(kChannels);
constexpr int64_t kSqlToOpportunityPercent = 85;

struct Stage {
  const char* id;
  const char* name;
  int64_t win_probability;
};
constexpr Stage kStages[] = {{"qualification", "Qualification", 10},
                             {"discovery", "Discovery", 25},
                             {"proposal", "Proposal", 50},
                             {"negotiation", "Negotiation", 75},
                             {"commit", "Commit", 90}};
constexpr size_t kStageCount = std::size(kStages);
// How often a lost deal is lost at each stage.
constexpr int kLostAtStageWeights[kStageCount] = {30, 25, 22, 15, 8};

struct LostReason {
  const char* id;
  int weight;
};
constexpr LostReason kLostReasons[] = {{"price", 24},  {"competitor", 24},  {"no_budget", 15},
                                       {"timing", 13}, {"no_decision", 14}, {"product_fit", 10}};

constexpr const char* kCompetitors[] = {"Salesforce", "HubSpot",           "Zoho", "Kingdee", "Yonyou",
                                        "Fxiaoke",    "Microsoft Dynamics"};
constexpr int kCompetitorCountWeights[] = {30, 40, 22, 8};  // 0 to 3 competitors

constexpr const char* kSurnames[] = {"Wang", "Li",  "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu",
                                     "Xu",   "Sun", "Hu",    "Zhu", "Gao",  "Lin",  "He",   "Guo",   "Ma",   "Luo"};
constexpr const char* kGivenNames[] = {"Wei",  "Fang", "Na",  "Min", "Jing", "Lei",  "Qiang", "Jun", "Yan", "Tao",
                                       "Ming", "Chao", "Xiu", "Hui", "Ping", "Gang", "Yun",   "Hao", "Lan", "Yu"};
constexpr const char* kCompanyPrefixes[] = {"Hua", "Zhong", "Jin", "Xin",   "Tian", "Hong",
                                            "Bei", "Dong",  "Nan", "Chang", "Heng", "Da"};
constexpr const char* kCompanyStems[] = {"xin", "tai",  "feng", "sheng", "yuan", "hai",
                                         "rui", "kang", "long", "cheng", "an",   "hua"};

// Demand: the business grows from 70% to 130% of its mean rate over the
// three years, has busy and slow months (Spring Festival in February, Golden
// Week in October) and little happens at weekends.
constexpr int64_t kGrowthStartPercent = 70;
constexpr int64_t kGrowthPercentOverPeriod = 60;
constexpr int64_t kMonthPercent[12] = {90, 70, 105, 100, 95, 110, 90, 90, 105, 85, 110, 120};
constexpr int64_t kWeekdayPercent = 100;
constexpr int64_t kWeekendPercent = 15;
constexpr int64_t kMaxDemand = (kGrowthStartPercent + kGrowthPercentOverPeriod) *
                               *std::max_element(std::begin(kMonthPercent), std::end(kMonthPercent)) * kWeekdayPercent;

// The sales organization, sized by the number of opportunities.
constexpr int64_t kOpportunitiesPerRep = 100;
constexpr int64_t kRepsPerTeam = 5;
constexpr int64_t kMinRepsPerTeam = 4;
enum RepKind { kVeteran, kHiredMidway, kLeftMidway };
// Every team starts with two veterans who stay (so that someone can always
// take a deal), one rep who leaves and one hired during the three years;
// the kinds of the others are drawn with these weights.
constexpr RepKind kFirstRepKinds[] = {kVeteran, kVeteran, kLeftMidway, kHiredMidway};
constexpr int kRepKindWeights[] = {55, 25, 20};  // by RepKind
constexpr int64_t kNoHireDatePercent = 10;       // of the reps hired before the three years

// Deals.
constexpr int64_t kRepeatDealPercent = 30;      // of the deals in a region with customers
constexpr int64_t kOutboundPercent = 12;        // new-business deals that start without a lead
constexpr int64_t kRepeatWinPoints = 15;        // existing customers buy more readily...
constexpr int64_t kRepeatCyclePercent = 60;     // ...faster...
constexpr int64_t kRepeatAmountPercent = 60;    // ...and smaller
constexpr int64_t kWinPointsPerCompetitor = 4;  // lost per competitor in the deal
constexpr int64_t kStalledPercent = 6;          // deals that take three times as long as planned
constexpr int64_t kSkipFirstStagePercent = 5;
constexpr int64_t kSkipStagePercent = 8;            // per stage between the first and the last
constexpr int64_t kRevisitPercent = 10;             // deals that go back one stage once
constexpr int64_t kWonFromNegotiationPercent = 20;  // of small deals, skipping commit
constexpr int64_t kNoExpectedCloseDatePercent = 2;
constexpr int64_t kNoLostReasonPercent = 10;
constexpr int64_t kUnspecifiedLostReasonPercent = 3;
constexpr int64_t kOwnerKeepsCustomerPercent = 80;

// Leads.
constexpr int64_t kSqlBeforeMqlPercent = 5;
constexpr int64_t kNoCampaignPercent = 15;
constexpr int64_t kRawLeadOwnerPercent = 60;     // leads not yet MQL that have an owner
constexpr int64_t kProspectAccountPercent = 35;  // MQLs recorded with an account
// Leads that stop at a stage are disqualified (rather than left alone) this often.
constexpr int64_t kDisqualifiedPercent[] = {25, 40, 50};  // FunnelStage: lead, MQL, SQL

// Tasks: zero to two per stage visit, one more in the first; later stages
// are busier, so their tasks run late more often.
constexpr int64_t kNoStageTaskPercent = 4;
constexpr int64_t kNoDueDateTaskPercent = 2;
constexpr int64_t kUndoneTaskPercent = 18;
constexpr int64_t kLateTaskPercent = 14;
constexpr int64_t kLateTaskPercentPerStage = 4;

// Payments (回款).
constexpr int kInstallmentWeights[] = {50, 30, 20};  // 1 to 3 installments
constexpr int64_t kRefundPercent = 4;
constexpr int64_t kSupportContractPercent = 30;  // new customers who pay a yearly support fee...
constexpr int64_t kSupportFeePercent = 15;       // ...of their first deal, without an opportunity

// Expenses: marketing per lead of the channel; sales per employed rep.
constexpr int64_t kSalesCostPerRepMinYuan = 25'000;
constexpr int64_t kSalesCostPerRepMaxYuan = 35'000;

// Targets.
constexpr int64_t kMinRepQuotaMinor = 100'000 * kFenPerYuan;
constexpr int64_t kSalesTargetUnit = 10'000 * kFenPerYuan;
constexpr int64_t kMqlTargetUnit = 10;

// How each quarter differs from the average, so that the alerts have
// something to find (win rate drops, MQL-to-SQL dips).
constexpr int64_t kMaxQuarterWinPoints = 6;
constexpr int64_t kMaxQuarterSqlPoints = 8;
constexpr int64_t kMaxRepSkillPoints = 6;  // reps differ in win rate by this much either way

// ---------------------------------------------------------------------------
// Time. All instants are whole seconds in UTC.

constexpr absl::Duration kDay = absl::Hours(24);

absl::Time StartOf(absl::CivilDay day) { return absl::FromCivil(day, absl::UTCTimeZone()); }
absl::CivilDay DayOf(absl::Time t) { return absl::ToCivilDay(t, absl::UTCTimeZone()); }
absl::CivilMonth QuarterOf(absl::CivilDay day) { return absl::CivilMonth(day.year(), (day.month() - 1) / 3 * 3 + 1); }

absl::Duration RandomDuration(DeterministicRandom& rng, absl::Duration lo, absl::Duration hi) {
  return absl::Seconds(rng.Uniform(absl::ToInt64Seconds(lo), absl::ToInt64Seconds(hi)));
}

// `d` x numerator / denominator, in whole seconds.
absl::Duration Scale(absl::Duration d, int64_t numerator, int64_t denominator) {
  return absl::Seconds(absl::ToInt64Seconds(d) * numerator / denominator);
}

int64_t RoundTo(int64_t value, int64_t unit) { return (value + unit / 2) / unit * unit; }

// The three years the data covers, [start, end), and its months and quarters.
class Calendar {
 public:
  explicit Calendar(absl::CivilDay end_day)
      : start_day_(end_day.year() - 3, end_day.month(), end_day.day()), end_day_(end_day) {}

  absl::Time start() const { return StartOf(start_day_); }
  absl::Time end() const { return StartOf(end_day_); }

  // The quarters from the one containing the start to the one containing
  // the end, whose targets the forecast and the MQL pace need.
  size_t quarters() const { return static_cast<size_t>((QuarterOf(end_day_) - QuarterOf(start_day_)) / 3 + 1); }
  absl::CivilMonth QuarterStart(size_t quarter) const {
    return QuarterOf(start_day_) + 3 * static_cast<int64_t>(quarter);
  }
  bool QuarterIsOver(size_t quarter) const { return StartOf(absl::CivilDay(QuarterStart(quarter + 1))) <= end(); }
  // The quarter of an instant in [start, end).
  std::optional<size_t> QuarterIndex(absl::Time t) const {
    if (t < start() || t >= end()) return std::nullopt;
    return static_cast<size_t>((QuarterOf(DayOf(t)) - QuarterOf(start_day_)) / 3);
  }

  // The months that overlap [start, end).
  size_t months() const {
    return static_cast<size_t>(absl::CivilMonth(end_day_ - 1) - absl::CivilMonth(start_day_) + 1);
  }
  std::optional<size_t> MonthIndex(absl::Time t) const {
    if (t < start() || t >= end()) return std::nullopt;
    return static_cast<size_t>(absl::CivilMonth(DayOf(t)) - absl::CivilMonth(start_day_));
  }
  // A day of the month that lies in [start, end).
  absl::CivilDay RandomDayIn(size_t month, DeterministicRandom& rng) const {
    const absl::CivilMonth civil_month = absl::CivilMonth(start_day_) + static_cast<int64_t>(month);
    const absl::CivilDay first = std::max(absl::CivilDay(civil_month), start_day_);
    const absl::CivilDay last = std::min(absl::CivilDay(civil_month + 1), end_day_) - 1;
    return first + rng.Uniform(0, last - first);
  }

  // An instant in working hours, on a day drawn by demand.
  absl::Time DrawBusinessTime(DeterministicRandom& rng) const {
    for (;;) {  // rejection sampling: accept a day with probability demand / max demand
      const int64_t offset = rng.Uniform(0, days() - 1);
      if (rng.Uniform(1, kMaxDemand) <= Demand(offset)) return StartOf(start_day_ + offset) + WorkingHours(rng);
    }
  }

 private:
  int64_t days() const { return end_day_ - start_day_; }

  int64_t Demand(int64_t offset) const {
    const absl::CivilDay day = start_day_ + offset;
    const absl::Weekday weekday = absl::GetWeekday(day);
    const bool weekend = weekday == absl::Weekday::saturday || weekday == absl::Weekday::sunday;
    return (kGrowthStartPercent + kGrowthPercentOverPeriod * offset / days()) * kMonthPercent[day.month() - 1] *
           (weekend ? kWeekendPercent : kWeekdayPercent);
  }

  // 09:00 to 19:00 China time (UTC+8).
  static absl::Duration WorkingHours(DeterministicRandom& rng) {
    return RandomDuration(rng, absl::Hours(1), absl::Hours(11) - absl::Seconds(1));
  }

  absl::CivilDay start_day_;
  absl::CivilDay end_day_;
};

// ---------------------------------------------------------------------------
// Writing rows.

// One value of a row: NULL, text or an integer. Timestamps and dates become
// their canonical text; in an INSERT, PostgreSQL gives an untyped parameter
// its column's type, so text serves TIMESTAMP and DATE columns and an integer
// 0/1 a BOOLEAN one, with the same SQL as on SQLite.
class SqlValue {
 public:
  // Implicit, so that a row reads as a braced list of its values.
  SqlValue(std::nullopt_t) {}
  SqlValue(std::string text) : value_(std::move(text)) {}
  SqlValue(const char* text) : value_(std::string(text)) {}
  SqlValue(int64_t number) : value_(number) {}
  SqlValue(absl::Time t) : value_(FormatSqlTimestamp(t)) {}
  SqlValue(absl::CivilDay day) : value_(FormatDate(day)) {}
  template <typename T>
  SqlValue(const std::optional<T>& value) : SqlValue(value ? SqlValue(*value) : SqlValue(std::nullopt)) {}

  bool is_null() const { return std::holds_alternative<std::monostate>(value_); }
  bool is_integer() const { return std::holds_alternative<int64_t>(value_); }
  const std::string& text() const { return std::get<std::string>(value_); }
  int64_t integer() const { return std::get<int64_t>(value_); }

 private:
  std::variant<std::monostate, std::string, int64_t> value_;
};

enum class ColumnKind { kText, kInteger };

struct Column {
  const char* name;
  ColumnKind kind = ColumnKind::kText;
};

// Inserts rows into one table in batches: one prepared multi-row INSERT,
// reused for every full batch, instead of a round trip per row (seven times
// faster on PostgreSQL).
class TableWriter {
 public:
  TableWriter(soci::session& session, std::string table, std::vector<Column> columns)
      : session_(session),
        table_(std::move(table)),
        columns_(std::move(columns)),
        batch_rows_(std::max<size_t>(1, kMaxParameters / columns_.size())),
        slots_(batch_rows_ * columns_.size()) {}
  TableWriter(const TableWriter&) = delete;
  TableWriter& operator=(const TableWriter&) = delete;

  // Adds a row: one value per column, in order. Inserts the batch when full.
  void Add(std::initializer_list<SqlValue> row) {
    if (row.size() != columns_.size()) throw std::logic_error(absl::StrCat("a row of ", table_, " has the wrong size"));
    Slot* row_slots = &slots_[buffered_rows_ * columns_.size()];
    size_t column = 0;
    for (const SqlValue& value : row) {
      row_slots[column].Set(value, columns_[column].kind);
      ++column;
    }
    ++rows_;
    if (++buffered_rows_ == batch_rows_) Flush();
  }

  // Inserts the rows added since the last batch.
  void Flush() {
    if (buffered_rows_ == 0) return;
    if (buffered_rows_ == batch_rows_) {
      if (full_batch_insert_ == nullptr) full_batch_insert_ = PrepareInsert(batch_rows_);
      full_batch_insert_->execute(true);
    } else {
      PrepareInsert(buffered_rows_)->execute(true);
    }
    buffered_rows_ = 0;
  }

  int64_t rows() const { return rows_; }

 private:
  // SQLite's historical limit of parameters per statement.
  static constexpr size_t kMaxParameters = 999;

  // A bound parameter. Statements keep its address: slots_ never grows.
  struct Slot {
    std::string text;
    long long integer = 0;
    soci::indicator indicator = soci::i_ok;

    void Set(const SqlValue& value, ColumnKind kind) {
      indicator = value.is_null() ? soci::i_null : soci::i_ok;
      if (value.is_null()) return;
      if (value.is_integer() != (kind == ColumnKind::kInteger)) throw std::logic_error("a value has the wrong type");
      if (value.is_integer()) {
        integer = value.integer();
      } else {
        text = value.text();
      }
    }
  };

  // "INSERT INTO t (a, b) VALUES (:p0, :p1), (:p2, :p3), ..." for `rows` rows.
  std::string InsertSql(size_t rows) const {
    std::vector<std::string> tuples;
    for (size_t row = 0; row < rows; ++row) {
      std::vector<std::string> placeholders;
      for (size_t column = 0; column < columns_.size(); ++column) {
        placeholders.push_back(absl::StrCat(":p", row * columns_.size() + column));
      }
      tuples.push_back(absl::StrCat("(", absl::StrJoin(placeholders, ", "), ")"));
    }
    const std::string names = absl::StrJoin(
        columns_, ", ", [](std::string* out, const Column& column) { absl::StrAppend(out, column.name); });
    return absl::StrCat("INSERT INTO ", table_, " (", names, ") VALUES ", absl::StrJoin(tuples, ", "));
  }

  // InsertSql(rows), prepared and bound to the slots of the first `rows` rows.
  std::unique_ptr<soci::statement> PrepareInsert(size_t rows) {
    auto statement = std::make_unique<soci::statement>(session_);
    for (size_t i = 0; i < rows * columns_.size(); ++i) {
      Slot& slot = slots_[i];
      if (columns_[i % columns_.size()].kind == ColumnKind::kInteger) {
        statement->exchange(soci::use(slot.integer, slot.indicator));
      } else {
        statement->exchange(soci::use(slot.text, slot.indicator));
      }
    }
    statement->alloc();
    statement->prepare(InsertSql(rows));
    statement->define_and_bind();
    return statement;
  }

  soci::session& session_;
  const std::string table_;
  const std::vector<Column> columns_;
  const size_t batch_rows_;
  std::vector<Slot> slots_;
  size_t buffered_rows_ = 0;
  std::unique_ptr<soci::statement> full_batch_insert_;
  int64_t rows_ = 0;
};

// The canonical tables, one writer each.
struct DemoTables {
  explicit DemoTables(soci::session& s)
      : teams(s, "teams", {{"id"}, {"name"}, {"region"}}),
        sales_reps(s, "sales_reps", {{"id"}, {"name"}, {"team_id"}, {"hired_at"}, {"left_at"}}),
        accounts(s, "accounts", {{"id"}, {"name"}, {"segment"}, {"industry"}, {"region"}, {"created_at"}}),
        leads(s, "leads",
              {{"id"},
               {"created_at"},
               {"source_channel"},
               {"campaign"},
               {"region"},
               {"owner_rep_id"},
               {"mql_at"},
               {"sql_at"},
               {"disqualified_at"},
               {"account_id"},
               {"opportunity_id"}}),
        pipeline_stages(
            s, "pipeline_stages",
            {{"id"}, {"name"}, {"position", ColumnKind::kInteger}, {"win_probability", ColumnKind::kInteger}}),
        opportunities(s, "opportunities",
                      {{"id"},
                       {"name"},
                       {"account_id"},
                       {"owner_rep_id"},
                       {"lead_id"},
                       {"product_line"},
                       {"region"},
                       {"amount_minor", ColumnKind::kInteger},
                       {"created_at"},
                       {"expected_close_date"},
                       {"stage_id"},
                       {"status"},
                       {"closed_at"},
                       {"lost_reason"},
                       {"is_key", ColumnKind::kInteger}}),
        stage_history(s, "opportunity_stage_history",
                      {{"opportunity_id"}, {"stage_id"}, {"entered_at"}, {"exited_at"}}),
        competitors(s, "opportunity_competitors", {{"opportunity_id"}, {"competitor"}}),
        tasks(
            s, "tasks",
            {{"id"}, {"opportunity_id"}, {"stage_id"}, {"owner_rep_id"}, {"created_at"}, {"due_at"}, {"completed_at"}}),
        expenses(s, "expenses",
                 {{"id"}, {"incurred_on"}, {"category"}, {"channel"}, {"amount_minor", ColumnKind::kInteger}}),
        payments(s, "payments",
                 {{"id"}, {"account_id"}, {"opportunity_id"}, {"received_at"}, {"amount_minor", ColumnKind::kInteger}}),
        // Targets are whole minor units or counts: an integer suits the DOUBLE column.
        targets(s, "targets",
                {{"id"},
                 {"metric"},
                 {"scope"},
                 {"scope_id"},
                 {"period_start"},
                 {"period_end"},
                 {"target_value", ColumnKind::kInteger}}) {}

  void Flush() {
    for (TableWriter* table : {&teams, &sales_reps, &accounts, &leads, &pipeline_stages, &opportunities, &stage_history,
                               &competitors, &tasks, &expenses, &payments, &targets}) {
      table->Flush();
    }
  }

  DemoDataSummary Summary() const {
    return {.teams = teams.rows(),
            .reps = sales_reps.rows(),
            .accounts = accounts.rows(),
            .leads = leads.rows(),
            .pipeline_stages = pipeline_stages.rows(),
            .opportunities = opportunities.rows(),
            .stage_history = stage_history.rows(),
            .competitors = competitors.rows(),
            .tasks = tasks.rows(),
            .expenses = expenses.rows(),
            .payments = payments.rows(),
            .targets = targets.rows()};
  }

  TableWriter teams, sales_reps, accounts, leads, pipeline_stages, opportunities, stage_history, competitors, tasks,
      expenses, payments, targets;
};

// Ids "<prefix>-000001", "<prefix>-000002", ...
class IdSequence {
 public:
  explicit IdSequence(const char* prefix, absl::PadSpec width = absl::kZeroPad6) : prefix_(prefix), width_(width) {}
  std::string Next() { return absl::StrCat(prefix_, "-", absl::Dec(++count_, width_)); }

 private:
  const char* prefix_;
  absl::PadSpec width_;
  int64_t count_ = 0;
};

// A one-line progress bar on stderr, redrawn in place when its percentage
// changes, through one phase after another; the line ends when the bar goes
// away.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  ~ProgressBar() {
    if (drawn_) std::fputc('\n', stderr);
  }

  void StartPhase(std::string label, int64_t total) {
    label_ = std::move(label);
    total_ = std::max<int64_t>(1, total);
    percent_ = -1;
    Update(0);
  }

  void Update(int64_t done) {
    const int percent = static_cast<int>(std::min(done, total_) * 100 / total_);
    if (enabled_ && percent != percent_) Draw(percent);
  }

 private:
  static constexpr int kWidth = 40;

  void Draw(int percent) {
    percent_ = percent;
    drawn_ = true;
    const int filled = percent * kWidth / 100;
    // The label is padded to erase a longer one of an earlier phase.
    std::fprintf(stderr, "\r[%s%s] %3d%% %-16s", std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, '.').c_str(), percent, label_.c_str());
    std::fflush(stderr);
  }

  const bool enabled_;
  std::string label_;
  int64_t total_ = 1;
  int percent_ = -1;
  bool drawn_ = false;
};

// ---------------------------------------------------------------------------
// The sales organization.

struct Rep {
  std::string id, name;
  size_t team = 0;
  absl::Time hired_at = absl::InfinitePast();   // InfinitePast: not recorded (NULL)
  absl::Time left_at = absl::InfiniteFuture();  // InfiniteFuture: still there (NULL)
  int64_t skill_points = 0;                     // added to the win rate of their deals

  bool EmployedAt(absl::Time t) const { return hired_at <= t && t < left_at; }
  bool EmployedDuring(absl::Time from, absl::Time to) const { return hired_at < to && left_at > from; }
};

struct Team {
  std::string id, name;
  size_t region = 0;
  std::vector<size_t> reps;
};

std::optional<absl::CivilDay> DateOrNull(absl::Time t) {
  if (t == absl::InfinitePast() || t == absl::InfiniteFuture()) return std::nullopt;
  return DayOf(t);
}

std::string PersonName(DeterministicRandom& rng) {
  const std::string surname = rng.Pick(kSurnames);
  return absl::StrCat(surname, " ", rng.Pick(kGivenNames));
}

// Teams in every region, about five reps each; some reps join or leave
// during the three years.
class SalesForce {
 public:
  SalesForce(DeterministicRandom& rng, const Calendar& calendar, int64_t opportunities)
      : rng_(rng), calendar_(calendar), teams_by_region_(std::size(kRegions)) {
    const int64_t reps = std::max<int64_t>(8, opportunities / kOpportunitiesPerRep);
    const int64_t regions = std::ssize(kRegions);
    const int64_t teams_per_region = std::max<int64_t>(1, reps / (regions * kRepsPerTeam));
    const int64_t reps_per_team = std::max(kMinRepsPerTeam, reps / (regions * teams_per_region));
    IdSequence team_ids("team", absl::kZeroPad2);
    IdSequence rep_ids("rep", absl::kZeroPad3);
    for (size_t region = 0; region < std::size(kRegions); ++region) {
      for (int64_t n = 0; n < teams_per_region; ++n) AddTeam(region, reps_per_team, team_ids, rep_ids);
    }
  }

  void Write(TableWriter& teams, TableWriter& reps) const {
    for (const Team& team : teams_) teams.Add({team.id, team.name, kRegions[team.region].id});
    for (const Rep& rep : reps_) {
      reps.Add({rep.id, rep.name, teams_[rep.team].id, DateOrNull(rep.hired_at), DateOrNull(rep.left_at)});
    }
  }

  size_t team_count() const { return teams_.size(); }
  size_t rep_count() const { return reps_.size(); }
  const Team& team(size_t index) const { return teams_[index]; }
  const Rep& rep(size_t index) const { return reps_[index]; }

  size_t PickTeam(size_t region) { return rng_.Pick(teams_by_region_[region]); }

  // A rep of the team employed at t.
  size_t PickRep(size_t team, absl::Time t) {
    std::vector<size_t> employed;
    for (size_t rep : teams_[team].reps) {
      if (reps_[rep].EmployedAt(t)) employed.push_back(rep);
    }
    return rng_.Pick(employed);
  }

  // Who owns, at t, a deal that `rep` owned: a rep who leaves hands their
  // deals to a teammate.
  size_t OwnerAt(size_t rep, absl::Time t) {
    while (reps_[rep].left_at <= t) rep = PickRep(reps_[rep].team, reps_[rep].left_at);
    return rep;
  }

  int64_t EmployedCount(absl::Time t) const {
    return std::count_if(reps_.begin(), reps_.end(), [t](const Rep& rep) { return rep.EmployedAt(t); });
  }

 private:
  void AddTeam(size_t region, int64_t reps, IdSequence& team_ids, IdSequence& rep_ids) {
    teams_by_region_[region].push_back(teams_.size());
    const std::string name = absl::StrCat(kRegions[region].title, " Sales ", teams_by_region_[region].size());
    teams_.push_back({.id = team_ids.Next(), .name = name, .region = region});
    for (int64_t n = 0; n < reps; ++n) {
      const RepKind kind = n < std::ssize(kFirstRepKinds) ? kFirstRepKinds[n]
                                                          : static_cast<RepKind>(rng_.WeightedIndex(kRepKindWeights));
      teams_.back().reps.push_back(reps_.size());
      reps_.push_back(NewRep(rep_ids.Next(), teams_.size() - 1, kind));
    }
  }

  Rep NewRep(std::string id, size_t team, RepKind kind) {
    Rep rep{.id = std::move(id), .name = PersonName(rng_), .team = team};
    rep.skill_points = rng_.Uniform(-kMaxRepSkillPoints, kMaxRepSkillPoints);
    const absl::Time start = calendar_.start();
    const absl::Duration period = calendar_.end() - start;
    if (kind == kHiredMidway) {
      rep.hired_at = StartOf(DayOf(start + RandomDuration(rng_, 30 * kDay, period - 120 * kDay)));
    } else if (!rng_.Percent(kNoHireDatePercent)) {
      rep.hired_at = StartOf(DayOf(start - RandomDuration(rng_, 30 * kDay, 2000 * kDay)));
    }
    if (kind == kLeftMidway) rep.left_at = StartOf(DayOf(start + RandomDuration(rng_, 90 * kDay, period - 30 * kDay)));
    return rep;
  }

  DeterministicRandom& rng_;
  const Calendar& calendar_;
  std::vector<Team> teams_;
  std::vector<Rep> reps_;
  std::vector<std::vector<size_t>> teams_by_region_;
};

// ---------------------------------------------------------------------------
// What the data achieved per quarter, and the leads each month brought in:
// targets and marketing spend follow them.

struct QuarterTotals {
  int64_t won_minor = 0;
  int64_t mqls = 0;
  std::vector<int64_t> team_won_minor, rep_won_minor;
};

class Ledger {
 public:
  Ledger(const Calendar& calendar, size_t teams, size_t reps)
      : calendar_(calendar),
        quarters_(calendar.quarters(),
                  {.team_won_minor = std::vector<int64_t>(teams), .rep_won_minor = std::vector<int64_t>(reps)}),
        leads_by_month_(calendar.months()) {}

  void RecordWin(absl::Time closed_at, size_t team, size_t rep, int64_t amount_minor) {
    const std::optional<size_t> quarter = calendar_.QuarterIndex(closed_at);
    if (!quarter) return;
    quarters_[*quarter].won_minor += amount_minor;
    quarters_[*quarter].team_won_minor[team] += amount_minor;
    quarters_[*quarter].rep_won_minor[rep] += amount_minor;
  }

  void RecordLead(absl::Time created_at, std::optional<absl::Time> mql_at, size_t channel) {
    if (const std::optional<size_t> month = calendar_.MonthIndex(created_at)) ++leads_by_month_[*month][channel];
    if (!mql_at) return;
    if (const std::optional<size_t> quarter = calendar_.QuarterIndex(*mql_at)) ++quarters_[*quarter].mqls;
  }

  const QuarterTotals& quarter(size_t index) const { return quarters_[index]; }
  int64_t leads(size_t month, size_t channel) const { return leads_by_month_[month][channel]; }

 private:
  const Calendar& calendar_;
  std::vector<QuarterTotals> quarters_;
  std::vector<std::array<int64_t, kChannelCount>> leads_by_month_;
};

// ---------------------------------------------------------------------------
// What the parts of the generator share.

// How a quarter differs from the average.
struct QuarterMood {
  int64_t win_points = 0;
  int64_t sql_points = 0;
};

std::vector<QuarterMood> DrawMoods(DeterministicRandom& rng, size_t quarters) {
  std::vector<QuarterMood> moods(quarters);
  for (QuarterMood& mood : moods) {
    mood.win_points = rng.Uniform(-kMaxQuarterWinPoints, kMaxQuarterWinPoints);
    mood.sql_points = rng.Uniform(-kMaxQuarterSqlPoints, kMaxQuarterSqlPoints);
  }
  return moods;
}

// One PRNG for everything, so that the draws happen in one fixed order.
struct DemoWorld {
  DemoWorld(soci::session& session, const DemoDataOptions& options)
      : rng(options.seed),
        calendar(options.end_date),
        tables(session),
        sales_force(rng, calendar, options.opportunities),
        ledger(calendar, sales_force.team_count(), sales_force.rep_count()),
        moods(DrawMoods(rng, calendar.quarters())),
        progress(options.show_progress) {}

  // Leads from before the three years take the first quarter's mood.
  const QuarterMood& MoodAt(absl::Time t) const { return moods[calendar.QuarterIndex(t).value_or(0)]; }

  std::optional<absl::Time> BeforeEnd(absl::Time t) const {
    return t < calendar.end() ? std::optional<absl::Time>(t) : std::nullopt;
  }

  std::string RepId(size_t rep) const { return sales_force.rep(rep).id; }

  DeterministicRandom rng;
  Calendar calendar;
  DemoTables tables;
  SalesForce sales_force;
  Ledger ledger;
  std::vector<QuarterMood> moods;  // by quarter
  ProgressBar progress;
};

// ---------------------------------------------------------------------------
// Accounts.

struct Account {
  std::string id, name;
  size_t region = 0, segment = 0, team = 0;
  std::optional<size_t> industry;
  absl::Time created_at;
  size_t last_owner = 0;
  bool has_won = false;        // a deal of theirs is won (when it closes is another matter)
  bool can_buy_again = false;  // a won deal has closed: new deals may pick them
};

// The accounts: new business and prospects, and the customers who may buy
// again once a won deal of theirs has closed.
class AccountBook {
 public:
  explicit AccountBook(DemoWorld& world) : world_(world), customers_by_region_(std::size(kRegions)) {}

  Account& at(size_t index) { return accounts_[index]; }
  size_t next_index() const { return accounts_.size(); }

  // An account in the region, served by one of its teams; created_at is
  // for the caller to set.
  Account New(size_t region) {
    Account account{.id = ids_.Next(), .region = region};
    account.segment = world_.rng.WeightedIndex(kSegments);
    account.team = world_.sales_force.PickTeam(region);
    if (!world_.rng.Percent(kNoIndustryPercent)) account.industry = world_.rng.WeightedIndex(kIndustries);
    account.name = CompanyName(account.industry);
    return account;
  }

  void Add(Account account) {
    world_.tables.accounts.Add({account.id, account.name, kSegments[account.segment].id,
                                account.industry ? SqlValue(kIndustries[*account.industry].id) : std::nullopt,
                                kRegions[account.region].id, account.created_at});
    accounts_.push_back(std::move(account));
  }

  // A prospect (an account without deals) recorded with a lead; its id.
  std::string AddProspect(size_t region, absl::Time created_at) {
    Account account = New(region);
    account.created_at = created_at;
    std::string id = account.id;
    Add(std::move(account));
    return id;
  }

  // Now and then a customer of the region, for a new deal.
  std::optional<size_t> PickCustomer(size_t region) {
    const std::vector<size_t>& customers = customers_by_region_[region];
    if (customers.empty() || !world_.rng.Percent(kRepeatDealPercent)) return std::nullopt;
    return world_.rng.Pick(customers);
  }

  void RecordWin(size_t account, absl::Time closed_at) { pending_wins_.push({closed_at, account}); }

  // Accounts whose won deal closed by t may buy again.
  void MakeCustomersOfWinsUntil(absl::Time t) {
    while (!pending_wins_.empty() && pending_wins_.top().first <= t) {
      const size_t index = pending_wins_.top().second;
      pending_wins_.pop();
      if (accounts_[index].can_buy_again) continue;
      accounts_[index].can_buy_again = true;
      customers_by_region_[accounts_[index].region].push_back(index);
    }
  }

 private:
  std::string CompanyName(std::optional<size_t> industry) {
    const std::string prefix = world_.rng.Pick(kCompanyPrefixes);
    const std::string stem = world_.rng.Pick(kCompanyStems);
    return absl::StrCat(prefix, stem, " ", industry ? kIndustries[*industry].company_word : "Group", " Co., Ltd.");
  }

  DemoWorld& world_;
  std::vector<Account> accounts_;
  std::vector<std::vector<size_t>> customers_by_region_;
  // Won deals not yet closed at the current creation time: (closed_at, account).
  std::priority_queue<std::pair<absl::Time, size_t>, std::vector<std::pair<absl::Time, size_t>>, std::greater<>>
      pending_wins_;
  IdSequence ids_{"acct"};
};

// ---------------------------------------------------------------------------
// Leads.

struct Lead {
  std::string id;
  absl::Time created_at;
  size_t channel = 0, region = 0;
  std::optional<std::string> campaign;
  std::optional<size_t> owner;
  std::optional<absl::Time> mql_at, sql_at, disqualified_at;
  std::optional<std::string> account_id, opportunity_id;
};

// How far a lead gets in the funnel.
enum FunnelStage { kLeadOnly, kMql, kSql };

// The leads: the one each new-business deal came from, and the many that
// never become deals.
class LeadBook {
 public:
  LeadBook(DemoWorld& world, AccountBook& accounts) : world_(world), accounts_(accounts) {}

  // The lead of a new-business deal: scored (MQL), accepted by sales (SQL)
  // and converted within weeks before the deal. Not yet added.
  Lead Converted(absl::Time deal_created_at, const std::string& deal_id, const Account& account, size_t owner) {
    Lead lead{.id = ids_.Next(),
              .region = account.region,
              .owner = owner,
              .account_id = account.id,
              .opportunity_id = deal_id};
    lead.channel = world_.rng.WeightedIndex(kChannels);
    absl::Time sql_at = deal_created_at - RandomDuration(world_.rng, absl::Hours(1), 5 * kDay);
    absl::Time mql_at = sql_at - RandomDuration(world_.rng, kDay, 21 * kDay);
    lead.created_at = mql_at - RandomDuration(world_.rng, absl::ZeroDuration(), 30 * kDay);
    // Sales sometimes accept a lead before marketing scores it.
    if (world_.rng.Percent(kSqlBeforeMqlPercent)) std::swap(mql_at, sql_at);
    lead.mql_at = mql_at;
    lead.sql_at = sql_at;
    lead.campaign = Campaign(lead.channel, lead.created_at);
    return lead;
  }

  // Writes a converted lead. It stands for 1/p leads of its channel, p being
  // the channel's lead-to-deal rate: the others are owed, for
  // GenerateUnconverted, so that each channel's funnel shows its rates.
  void AddConverted(const Lead& lead) {
    Add(lead);
    const Channel& channel = kChannels[lead.channel];
    const int64_t converted_ppm = channel.mql_percent * channel.sql_percent * kSqlToOpportunityPercent;
    owed_permille_[lead.channel] += 1'000'000'000 / converted_ppm - 1000;
  }

  // The leads that never became deals, created as demand goes over the three
  // years; the recent ones have not got far yet.
  void GenerateUnconverted() {
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

 private:
  void Add(const Lead& lead) {
    world_.tables.leads.Add({lead.id, lead.created_at, kChannels[lead.channel].id, lead.campaign,
                             kRegions[lead.region].id, lead.owner ? SqlValue(world_.RepId(*lead.owner)) : std::nullopt,
                             lead.mql_at, lead.sql_at, lead.disqualified_at, lead.account_id, lead.opportunity_id});
    world_.ledger.RecordLead(lead.created_at, lead.mql_at, lead.channel);
  }

  Lead Unconverted(size_t channel, absl::Time created_at) {
    Lead lead{.id = ids_.Next(), .created_at = created_at, .channel = channel};
    lead.region = world_.rng.WeightedIndex(kRegions);
    lead.campaign = Campaign(channel, created_at);
    Advance(lead, UnconvertedStage(kChannels[channel], world_.MoodAt(created_at).sql_points));
    if (lead.mql_at || world_.rng.Percent(kRawLeadOwnerPercent)) {
      lead.owner = world_.sales_force.PickRep(world_.sales_force.PickTeam(lead.region), created_at);
    }
    if (lead.mql_at && world_.rng.Percent(kProspectAccountPercent)) {
      lead.account_id = accounts_.AddProspect(lead.region, created_at);
    }
    return lead;
  }

  // How far a lead that never becomes a deal gets: the channel's funnel,
  // drawn again whenever it would convert.
  FunnelStage UnconvertedStage(const Channel& channel, int64_t sql_points) {
    for (;;) {
      if (!world_.rng.Percent(channel.mql_percent)) return kLeadOnly;
      if (!world_.rng.Percent(channel.sql_percent + sql_points)) return kMql;
      if (!world_.rng.Percent(kSqlToOpportunityPercent)) return kSql;
    }
  }

  // Moves the lead through the funnel up to `stage`, as far as the end of
  // the data; then disqualifies some.
  void Advance(Lead& lead, FunnelStage stage) {
    DeterministicRandom& rng = world_.rng;
    std::optional<absl::Time> last = lead.created_at;
    if (stage >= kMql)
      last = lead.mql_at = world_.BeforeEnd(*last + RandomDuration(rng, absl::ZeroDuration(), 20 * kDay));
    if (stage >= kSql && last) last = lead.sql_at = world_.BeforeEnd(*last + RandomDuration(rng, kDay, 21 * kDay));
    if (last && rng.Percent(kDisqualifiedPercent[stage])) {
      lead.disqualified_at = world_.BeforeEnd(*last + RandomDuration(rng, kDay, 30 * kDay));
    }
  }

  std::optional<std::string> Campaign(size_t channel, absl::Time created_at) {
    if (world_.rng.Percent(kNoCampaignPercent)) return std::nullopt;
    const absl::CivilDay day = DayOf(created_at);
    return absl::StrFormat("%s %d-Q%d", kChannels[channel].campaign, day.year(), (day.month() + 2) / 3);
  }

  DemoWorld& world_;
  AccountBook& accounts_;
  IdSequence ids_{"lead"};
  std::array<int64_t, kChannelCount> owed_permille_{};  // unconverted leads owed, by channel, in thousandths
};

// ---------------------------------------------------------------------------
// Deals.

struct StageVisit {
  size_t stage = 0;
  absl::Time entered_at;
  std::optional<absl::Time> exited_at;  // none while the deal is in the stage
};

enum class DealStatus { kOpen, kWon, kLost };
constexpr const char* kStatusIds[] = {"open", "won", "lost"};  // by DealStatus

struct Deal {
  std::string id;
  absl::Time created_at;
  size_t account = 0;
  bool repeat = false;     // with an existing customer
  size_t first_owner = 0;  // the rep who opened it
  size_t owner = 0;        // the rep who owns it now
  std::optional<std::string> lead_id;
  size_t product = 0;
  int64_t amount_minor = 0;
  std::vector<size_t> competitors;
  std::optional<absl::CivilDay> expected_close_date;
  std::vector<StageVisit> visits;  // the stage history, as far as it happened before the end
  DealStatus status = DealStatus::kOpen;
  std::optional<absl::Time> closed_at;
  std::optional<std::string> lost_reason;
};

// The follow-up tasks of a deal: zero to two per stage visit, one more in
// the first; later stages are busier, so their tasks run late more often.
class TaskWriter {
 public:
  explicit TaskWriter(DemoWorld& world) : world_(world) {}

  void Write(const Deal& deal) {
    for (size_t i = 0; i < deal.visits.size(); ++i) {
      const int64_t count = world_.rng.Uniform(0, 2) + (i == 0 ? 1 : 0);
      for (int64_t n = 0; n < count; ++n) WriteOne(deal, deal.visits[i]);
    }
  }

 private:
  void WriteOne(const Deal& deal, const StageVisit& visit) {
    DeterministicRandom& rng = world_.rng;
    const absl::Duration stay = visit.exited_at.value_or(world_.calendar.end()) - visit.entered_at;
    const absl::Time created_at = visit.entered_at + Scale(stay, rng.Uniform(0, 50), 100);
    const absl::Time due_at = created_at + RandomDuration(rng, kDay, 10 * kDay);
    const std::optional<absl::Time> completed_at = Completion(visit.stage, created_at, due_at);
    const bool has_stage = !rng.Percent(kNoStageTaskPercent);
    const bool has_due_date = !rng.Percent(kNoDueDateTaskPercent);
    world_.tables.tasks.Add({ids_.Next(), deal.id, has_stage ? SqlValue(kStages[visit.stage].id) : std::nullopt,
                             world_.RepId(deal.owner), created_at, has_due_date ? SqlValue(due_at) : std::nullopt,
                             completed_at});
  }

  std::optional<absl::Time> Completion(size_t stage, absl::Time created_at, absl::Time due_at) {
    DeterministicRandom& rng = world_.rng;
    const int64_t roll = rng.Uniform(0, 99);
    const int64_t late_percent = kLateTaskPercent + kLateTaskPercentPerStage * static_cast<int64_t>(stage);
    if (roll < kUndoneTaskPercent) return std::nullopt;
    const absl::Time done = roll < kUndoneTaskPercent + late_percent
                                ? due_at + RandomDuration(rng, absl::Hours(1), 7 * kDay)
                                : created_at + Scale(due_at - created_at, rng.Uniform(5, 100), 100);
    return world_.BeforeEnd(done);
  }

  DemoWorld& world_;
  IdSequence ids_{"task"};
};

// The payments (回款) of won deals: installments after closing, now and then
// a partial refund, and yearly support fees without an opportunity.
class PaymentWriter {
 public:
  explicit PaymentWriter(DemoWorld& world) : world_(world) {}

  void WriteForWin(const Deal& deal, const std::string& account_id, bool first_win) {
    WriteInstallments(deal, account_id);
    if (first_win && world_.rng.Percent(kSupportContractPercent)) WriteSupportFees(deal, account_id);
  }

 private:
  // As far as received before the end.
  void WriteInstallments(const Deal& deal, const std::string& account_id) {
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

  void WriteSupportFees(const Deal& deal, const std::string& account_id) {
    const int64_t fee = RoundTo(deal.amount_minor * kSupportFeePercent / 100, kAmountUnit);
    for (absl::Time t = *deal.closed_at + 365 * kDay; t < world_.calendar.end(); t += 365 * kDay) {
      Add(account_id, std::nullopt, t, fee);
    }
  }

  void Add(const std::string& account_id, SqlValue opportunity_id, absl::Time received_at, int64_t amount) {
    world_.tables.payments.Add({ids_.Next(), account_id, std::move(opportunity_id), received_at, amount});
  }

  DemoWorld& world_;
  IdSequence ids_{"pay"};
};

// The opportunities, in the order they are created: who they are with, how
// they go through the stages, how they end (or not yet), and what follows
// a win.
class DealMaker {
 public:
  DealMaker(DemoWorld& world, AccountBook& accounts, LeadBook& leads)
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
    PlayOut(deal);
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

  // Decides how the deal ends, lays out its way through the stages and cuts
  // it at the end of the data: a deal that would close later is still open.
  void PlayOut(Deal& deal) {
    const size_t segment = accounts_.at(deal.account).segment;
    const bool wins = rng_.Percent(WinPercent(deal));
    const std::vector<size_t> path = StagePath(wins, segment);
    const absl::Duration planned = PlannedSalesCycle(segment, deal.repeat);
    deal.expected_close_date = ExpectedCloseDate(deal.created_at, planned);
    const absl::Duration cycle = rng_.Percent(kStalledPercent) ? 3 * planned : planned;
    // A lost deal ends early, in the stage it is lost in.
    const absl::Duration length =
        wins ? cycle : Scale(cycle, static_cast<int64_t>(path.back() + 1), static_cast<int64_t>(kStageCount));
    const absl::Time finish = ScheduleVisits(deal, path, length);
    if (finish < world_.calendar.end()) {
      Close(deal, wins, finish);
    } else {
      deal.visits.back().exited_at.reset();
    }
    deal.owner = world_.sales_force.OwnerAt(deal.first_owner, deal.closed_at.value_or(world_.calendar.end()));
  }

  int64_t WinPercent(const Deal& deal) {
    return kSegments[accounts_.at(deal.account).segment].win_percent + world_.MoodAt(deal.created_at).win_points +
           world_.sales_force.rep(deal.first_owner).skill_points + (deal.repeat ? kRepeatWinPoints : 0) -
           kWinPointsPerCompetitor * std::ssize(deal.competitors);
  }

  // The stages a deal goes through, from the first (rarely skipped) to the
  // one it ends in, sometimes skipping one, sometimes going back one stage
  // to come forward again.
  std::vector<size_t> StagePath(bool wins, size_t segment) {
    const size_t last = LastStage(wins, segment);
    const size_t first = last > 0 && rng_.Percent(kSkipFirstStagePercent) ? 1 : 0;
    std::vector<size_t> path = {first};
    for (size_t stage = first + 1; stage <= last; ++stage) {
      if (stage == last || !rng_.Percent(kSkipStagePercent)) path.push_back(stage);
    }
    if (path.size() >= 2 && rng_.Percent(kRevisitPercent)) {
      const auto at = static_cast<size_t>(rng_.Uniform(1, std::ssize(path) - 1));
      path.insert(path.begin() + static_cast<std::ptrdiff_t>(at) + 1, {path[at - 1], path[at]});
    }
    return path;
  }

  size_t LastStage(bool wins, size_t segment) {
    if (!wins) return rng_.WeightedIndex(kLostAtStageWeights);
    const bool skips_commit = segment == kSmb && rng_.Percent(kWonFromNegotiationPercent);
    return skips_commit ? kStageCount - 2 : kStageCount - 1;
  }

  absl::Duration PlannedSalesCycle(size_t segment, bool repeat) {
    const Segment& s = kSegments[segment];
    // The mean of two draws: most cycles lie near the middle of the range.
    const int64_t first_draw = rng_.Uniform(s.min_cycle_days, s.max_cycle_days);
    const int64_t days = (first_draw + rng_.Uniform(s.min_cycle_days, s.max_cycle_days)) / 2;
    return (repeat ? days * kRepeatCyclePercent / 100 : days) * kDay + RandomDuration(rng_, absl::ZeroDuration(), kDay);
  }

  std::optional<absl::CivilDay> ExpectedCloseDate(absl::Time created_at, absl::Duration planned_cycle) {
    if (rng_.Percent(kNoExpectedCloseDatePercent)) return std::nullopt;
    // Reps forecast optimistically: deals mostly close later than expected.
    return DayOf(created_at + Scale(planned_cycle, rng_.Uniform(60, 110), 100));
  }

  // Spreads `length` over the path's stages, keeps the visits that start
  // before the end, and returns when the last one ends.
  absl::Time ScheduleVisits(Deal& deal, const std::vector<size_t>& path, absl::Duration length) {
    std::vector<int64_t> weights;
    for (size_t i = 0; i < path.size(); ++i) weights.push_back(rng_.Uniform(1, 3));
    const int64_t total = std::accumulate(weights.begin(), weights.end(), int64_t{0});
    absl::Time t = deal.created_at;
    for (size_t i = 0; i < path.size(); ++i) {
      const absl::Duration stay = std::max(absl::Hours(1), Scale(length, weights[i], total));
      if (t < world_.calendar.end()) deal.visits.push_back({.stage = path[i], .entered_at = t, .exited_at = t + stay});
      t += stay;
    }
    return t;
  }

  void Close(Deal& deal, bool wins, absl::Time closed_at) {
    deal.status = wins ? DealStatus::kWon : DealStatus::kLost;
    deal.closed_at = closed_at;
    if (!wins) deal.lost_reason = LostReason(deal);
  }

  std::optional<std::string> LostReason(const Deal& deal) {
    const int64_t roll = rng_.Uniform(0, 99);
    if (roll < kNoLostReasonPercent) return std::nullopt;
    // The picklist's placeholder, which the KPIs merge with NULL.
    if (roll < kNoLostReasonPercent + kUnspecifiedLostReasonPercent) return "unspecified";
    const absl::string_view reason = kLostReasons[rng_.WeightedIndex(kLostReasons)].id;
    if (reason == "competitor" && deal.competitors.empty()) return "price";
    return std::string(reason);
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

  DemoWorld& world_;
  DeterministicRandom& rng_;
  AccountBook& accounts_;
  LeadBook& leads_;
  TaskWriter tasks_;
  PaymentWriter payments_;
  IdSequence ids_{"opp"};
};

// ---------------------------------------------------------------------------
// Expenses and targets, which follow what the data achieved.

// Per month: marketing by channel, costing per lead brought in, and sales
// costs per employed rep.
class ExpenseWriter {
 public:
  explicit ExpenseWriter(DemoWorld& world) : world_(world) {}

  void WriteAll() {
    for (size_t month = 0; month < world_.calendar.months(); ++month) {
      for (size_t channel = 0; channel < kChannelCount; ++channel) WriteMarketing(month, channel);
      WriteSales(month);
    }
  }

 private:
  void WriteMarketing(size_t month, size_t channel) {
    const int64_t leads = world_.ledger.leads(month, channel);
    if (leads == 0) return;
    const int64_t list_cost = leads * kChannels[channel].cost_per_lead_yuan * kFenPerYuan;
    const int64_t cost = list_cost * world_.rng.Uniform(85, 115) / 100;
    Add(world_.calendar.RandomDayIn(month, world_.rng), "marketing", kChannels[channel].id, cost);
  }

  void WriteSales(size_t month) {
    const absl::CivilDay day = world_.calendar.RandomDayIn(month, world_.rng);
    const int64_t per_rep = world_.rng.Uniform(kSalesCostPerRepMinYuan, kSalesCostPerRepMaxYuan) * kFenPerYuan;
    Add(day, "sales", std::nullopt, world_.sales_force.EmployedCount(StartOf(day)) * per_rep);
  }

  void Add(absl::CivilDay day, const char* category, SqlValue channel, int64_t amount) {
    world_.tables.expenses.Add({ids_.Next(), day, category, std::move(channel), RoundTo(amount, kAmountUnit)});
  }

  DemoWorld& world_;
  IdSequence ids_{"exp"};
};

// Quarterly: company sales and MQLs, team sales and rep sales. Demo targets
// are set in hindsight, from what the quarter achieved, so that attainment
// scatters around 100%; a quarter not over yet gets the last target plus
// growth.
class TargetWriter {
 public:
  explicit TargetWriter(DemoWorld& world)
      : world_(world),
        last_team_sales_(world.sales_force.team_count()),
        last_rep_sales_(world.sales_force.rep_count()) {}

  void WriteAll() {
    for (size_t quarter = 0; quarter < world_.calendar.quarters(); ++quarter) {
      const QuarterTotals& totals = world_.ledger.quarter(quarter);
      const bool over = world_.calendar.QuarterIsOver(quarter);
      Add("total_sales", "company", std::nullopt, quarter,
          Quota(totals.won_minor, over, last_company_sales_, kSalesTargetUnit));
      Add("mql_count", "company", std::nullopt, quarter, Quota(totals.mqls, over, last_mqls_, kMqlTargetUnit));
      for (size_t team = 0; team < world_.sales_force.team_count(); ++team) {
        Add("total_sales", "team", world_.sales_force.team(team).id, quarter,
            Quota(totals.team_won_minor[team], over, last_team_sales_[team], kSalesTargetUnit));
      }
      WriteRepTargets(quarter, totals, over);
    }
  }

 private:
  void WriteRepTargets(size_t quarter, const QuarterTotals& totals, bool over) {
    const absl::Time from = StartOf(absl::CivilDay(world_.calendar.QuarterStart(quarter)));
    const absl::Time to = StartOf(absl::CivilDay(world_.calendar.QuarterStart(quarter + 1)));
    for (size_t rep = 0; rep < world_.sales_force.rep_count(); ++rep) {
      if (!world_.sales_force.rep(rep).EmployedDuring(from, to)) continue;
      const int64_t achieved = std::max(totals.rep_won_minor[rep], kMinRepQuotaMinor);
      Add("total_sales", "rep", world_.RepId(rep), quarter,
          Quota(achieved, over, last_rep_sales_[rep], kSalesTargetUnit));
    }
  }

  int64_t Quota(int64_t achieved, bool quarter_over, int64_t& last_target, int64_t unit) {
    const int64_t percent = quarter_over ? world_.rng.Uniform(90, 120) : world_.rng.Uniform(105, 115);
    last_target = RoundTo((quarter_over ? achieved : last_target) * percent / 100, unit);
    return last_target;
  }

  void Add(const char* metric, const char* scope, SqlValue scope_id, size_t quarter, int64_t value) {
    if (value <= 0) return;
    world_.tables.targets.Add({ids_.Next(), metric, scope, std::move(scope_id),
                               absl::CivilDay(world_.calendar.QuarterStart(quarter)),
                               absl::CivilDay(world_.calendar.QuarterStart(quarter + 1)), value});
  }

  DemoWorld& world_;
  // The last target set, per metric and scope.
  int64_t last_company_sales_ = 0, last_mqls_ = 0;
  std::vector<int64_t> last_team_sales_, last_rep_sales_;
  IdSequence ids_{"tgt"};
};

void WritePipelineStages(TableWriter& stages) {
  for (size_t i = 0; i < kStageCount; ++i) {
    stages.Add({kStages[i].id, kStages[i].name, static_cast<int64_t>(i + 1), kStages[i].win_probability});
  }
}

// The deals come first, in creation order: each brings its account, its lead
// and its payments. The leads that never converted, the expenses and the
// targets then follow from what the deals produced.
DemoDataSummary WriteDemoData(soci::session& session, const DemoDataOptions& options) {
  DemoWorld world(session, options);
  WritePipelineStages(world.tables.pipeline_stages);
  world.sales_force.Write(world.tables.teams, world.tables.sales_reps);
  AccountBook accounts(world);
  LeadBook leads(world, accounts);
  DealMaker(world, accounts, leads).GenerateAll(options.opportunities);
  leads.GenerateUnconverted();
  ExpenseWriter(world).WriteAll();
  TargetWriter(world).WriteAll();
  world.tables.Flush();
  return world.tables.Summary();
}

}  // namespace

std::string DemoDataSummary::ToString() const {
  return absl::StrFormat(
      "%d teams, %d sales_reps, %d accounts, %d leads, %d pipeline_stages, %d opportunities, "
      "%d opportunity_stage_history, %d opportunity_competitors, %d tasks, %d expenses, %d payments, %d targets",
      teams, reps, accounts, leads, pipeline_stages, opportunities, stage_history, competitors, tasks, expenses,
      payments, targets);
}

absl::StatusOr<DemoDataSummary> GenerateDemoData(soci::session& session, Backend /*backend*/,
                                                 const DemoDataOptions& options) {
  if (options.opportunities < 1) return absl::InvalidArgumentError("the number of opportunities must be at least 1");
  try {
    soci::transaction transaction(session);
    const DemoDataSummary summary = WriteDemoData(session, options);
    transaction.commit();
    return summary;
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("generating the demo data failed (nothing was written): ", e.what()));
  }
}

}  // namespace salesmetrics
