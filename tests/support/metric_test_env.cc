#include "tests/support/metric_test_env.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/engine/host_api.h"
#include "core/catalog/metric_catalog.h"
#include "core/time/civil_time.h"

namespace salesmetrics::testing {

const MetricRegistry& BuildPlugins() {
  static const MetricRegistry* registry = [] {
    auto* r = new MetricRegistry();
    MetricCatalog catalog(SALESMETRICS_TEST_PLUGIN_DIR, "", HostApi(), r, nullptr);
    auto loaded = catalog.Reload();
    if (!loaded.ok()) ADD_FAILURE() << loaded.status();
    return r;
  }();
  return *registry;
}

Request& Request::Period(const std::string& start, const std::string& end) {
  request_.set_period_start(start);
  request_.set_period_end(end);
  return *this;
}

Request& Request::TimeZone(const std::string& zone) {
  request_.set_time_zone(zone);
  return *this;
}

Request& Request::AsOf(const std::string& rfc3339) {
  const absl::StatusOr<absl::Time> t = ParseInstant(rfc3339);
  if (!t.ok()) ADD_FAILURE() << t.status();
  request_.mutable_as_of()->set_seconds(absl::ToUnixSeconds(*t));
  return *this;
}

Request& Request::Granularity(v1::Granularity granularity) {
  request_.set_granularity(granularity);
  return *this;
}

Request& Request::FiscalYearStartMonth(int month) {
  request_.set_fiscal_year_start_month(month);
  return *this;
}

Request& Request::Where(const std::string& dimension, std::vector<std::string> values) {
  v1::Filter* filter = request_.add_filters();
  filter->set_dimension(dimension);
  for (auto& v : values) filter->add_values(std::move(v));
  return *this;
}

Request& Request::WhereStrictly(const std::string& dimension, std::vector<std::string> values) {
  Where(dimension, std::move(values));
  request_.mutable_filters()->rbegin()->set_strict(true);
  return *this;
}

Request& Request::GroupBy(const std::string& dimension) {
  request_.set_group_by(dimension);
  return *this;
}

Request& Request::Param(const std::string& name, const std::string& value) {
  (*request_.mutable_parameters())[name] = value;
  return *this;
}

void MetricTest::SetUp() {
  absl::StatusOr<std::unique_ptr<TestDatabase>> db = TestDatabase::Create(GetParam());
  ASSERT_TRUE(db.ok()) << db.status();
  db_ = *std::move(db);
  pool_ = std::make_unique<ConnectionPool>(
      ConnectionPool::Options{.url = *ParseDatabaseUrl(db_->url()), .size = 2, .read_only = true});
  engine_ = std::make_unique<MetricEngine>(&BuildPlugins(), pool_.get(), "CNY");
}

void MetricTest::Load(const std::string& sql) {
  ASSERT_NE(db_, nullptr) << "no test database (see the failure above)";
  const absl::Status status = db_->Execute(sql);
  ASSERT_TRUE(status.ok()) << status;
}

absl::StatusOr<v1::ComputeMetricResponse> MetricTest::Compute(const v1::ComputeMetricRequest& request) {
  return engine_->Compute(request, absl::Now() + absl::Seconds(60));
}

v1::Value Measure(const v1::Result& result, const std::string& name) {
  for (const auto& m : result.measures()) {
    if (m.name() == name) return m.value();
  }
  ADD_FAILURE() << "no measure " << name << " in " << result.ShortDebugString();
  return v1::Value();
}

const v1::Result& GroupResult(const google::protobuf::RepeatedPtrField<v1::Group>& groups,
                              const std::optional<std::string>& key) {
  for (const auto& g : groups) {
    if (g.has_key() == key.has_value() && (!key || g.key() == *key)) return g.result();
  }
  ADD_FAILURE() << "no group " << key.value_or("(null)");
  static const v1::Result* empty = new v1::Result();
  return *empty;
}

std::vector<std::string> GroupKeys(const google::protobuf::RepeatedPtrField<v1::Group>& groups) {
  std::vector<std::string> keys;
  for (const auto& g : groups) keys.push_back(g.has_key() ? g.key() : "(null)");
  return keys;
}

namespace {

::testing::AssertionResult Fraction(const v1::Value& value, int64_t numerator, int64_t denominator, bool money) {
  const v1::Fraction& f = value.fraction();
  const int64_t n = money ? f.money_numerator().minor_units() : f.count_numerator();
  const int64_t d = money ? f.money_denominator().minor_units() : f.count_denominator();
  const bool right_kind = money ? f.has_money_numerator() && f.has_money_denominator()
                                : f.numerator_case() == v1::Fraction::kCountNumerator &&
                                      f.denominator_case() == v1::Fraction::kCountDenominator;
  if (!right_kind || n != numerator || d != denominator) {
    return ::testing::AssertionFailure() << "expected fraction " << numerator << "/" << denominator << ", got "
                                         << value.ShortDebugString();
  }
  return ::testing::AssertionSuccess();
}

}  // namespace

::testing::AssertionResult IsCount(const v1::Value& value, int64_t expected) {
  if (value.kind_case() == v1::Value::kCount && value.count() == expected) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected count " << expected << ", got " << value.ShortDebugString();
}

::testing::AssertionResult IsMoney(const v1::Value& value, int64_t expected_minor_units) {
  if (value.has_money() && value.money().minor_units() == expected_minor_units) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected money " << expected_minor_units << ", got "
                                       << value.ShortDebugString();
}

::testing::AssertionResult IsRatio(const v1::Value& value, int64_t numerator, int64_t denominator) {
  if (value.kind_case() != v1::Value::kRatio ||
      std::abs(value.ratio() - static_cast<double>(numerator) / static_cast<double>(denominator)) > 1e-12) {
    return ::testing::AssertionFailure() << "expected ratio " << numerator << "/" << denominator << ", got "
                                         << value.ShortDebugString();
  }
  return Fraction(value, numerator, denominator, /*money=*/false);
}

::testing::AssertionResult IsMoneyRatio(const v1::Value& value, int64_t numerator, int64_t denominator) {
  if (value.kind_case() != v1::Value::kRatio ||
      std::abs(value.ratio() - static_cast<double>(numerator) / static_cast<double>(denominator)) > 1e-12) {
    return ::testing::AssertionFailure() << "expected ratio " << numerator << "/" << denominator << ", got "
                                         << value.ShortDebugString();
  }
  return Fraction(value, numerator, denominator, /*money=*/true);
}

::testing::AssertionResult IsDays(const v1::Value& value, double expected) {
  if (value.kind_case() == v1::Value::kDays && std::abs(value.days() - expected) < 1e-9) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "expected " << expected << " days, got " << value.ShortDebugString();
}

::testing::AssertionResult IsNumber(const v1::Value& value, double expected) {
  if (value.kind_case() == v1::Value::kNumber && std::abs(value.number() - expected) < 1e-9) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "expected number " << expected << ", got " << value.ShortDebugString();
}

::testing::AssertionResult IsText(const v1::Value& value, const std::string& expected) {
  if (value.kind_case() == v1::Value::kText && value.text() == expected) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected text " << expected << ", got " << value.ShortDebugString();
}

::testing::AssertionResult IsAbsent(const v1::Value& value) {
  if (value.kind_case() == v1::Value::KIND_NOT_SET && !value.absent_reason().empty()) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "expected an absent value with a reason, got " << value.ShortDebugString();
}

}  // namespace salesmetrics::testing
