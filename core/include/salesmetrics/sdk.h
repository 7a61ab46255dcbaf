// salesmetrics/sdk.h: the C++ API for writing metric plugins.
//
// A plugin defines each metric as a class and registers it:
//
//   namespace sdk = salesmetrics::sdk;
//
//   class MqlCount : public sdk::Metric {
//    public:
//     sdk::MetricInfo Info() const override {
//       return {.id = "mql_count", .display_name = "MQL count", ...};
//     }
//     void Compute(sdk::Request& request) const override {
//       auto counts = request.NewCellMap<int64_t>();
//       for (auto [bucket, group, n] :
//            request.Query<int64_t, sdk::GroupKey, int64_t>(kSql)) {
//         counts[{bucket, group}] = n;
//       }
//       for (const auto& [cell, n] : counts) {
//         request.Emit(cell, "mql_count", sdk::Count(n));
//       }
//     }
//   };
//
//   SALESMETRICS_PLUGIN("mql_count", registry) { registry.Add<MqlCount>(); }
//
// Query text is SQL over the canonical CRM tables with the macros the host
// expands ({{buckets}}, {{filters(opportunity, o)}}, ...; see
// docs/plugins.md) and named parameters (:as_of, declared parameters, and
// those passed to Query). Errors are thrown as sdk::Error and turned into the
// request's status at the boundary; nothing throws into the server.
//
// Everything here is compiled into the plugin; only the C types of
// plugin_abi.h cross into the server.
#ifndef SALESMETRICS_SDK_H_
#define SALESMETRICS_SDK_H_

#include <cstdint>
#include <exception>
#include <new>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "salesmetrics/decimal.h"
#include "salesmetrics/plugin_abi.h"

namespace salesmetrics::sdk {

// ---------------------------------------------------------------- Errors

// Fails the current request with a status code (SM_CODE_*) and message.
class Error : public std::runtime_error {
 public:
  explicit Error(std::string message, int32_t code = SM_CODE_INTERNAL)
      : std::runtime_error(std::move(message)), code_(code) {}
  int32_t code() const { return code_; }

 private:
  int32_t code_;
};

namespace internal {
// Thrown when the host has already failed the request (and said why).
struct HostFailed {};
}  // namespace internal

// ---------------------------------------------------------------- Values

// An operand of a division: a count or an amount of money.
struct Operand {
  int32_t unit;
  int64_t value;
};
inline Operand CountOf(int64_t n) { return {SM_UNIT_COUNT, n}; }
inline Operand MoneyOf(int64_t minor_units) { return {SM_UNIT_MONEY, minor_units}; }

// A value to emit: owns its text, converts to sm_value.
class Value {
 public:
  const sm_value& raw() const {
    raw_.text = text_.data();
    raw_.text_len = text_.size();
    return raw_;
  }
  bool absent() const { return raw_.unit == SM_UNIT_ABSENT; }
  // The number a ratio, days or number value holds.
  double real() const { return raw_.real; }
  // The integer a count, money or flag value holds.
  int64_t integer() const { return raw_.integer; }

  static Value Of(int32_t unit, int64_t integer, double real, std::string text = {}) {
    Value v;
    v.raw_.unit = unit;
    v.raw_.integer = integer;
    v.raw_.real = real;
    v.text_ = std::move(text);
    return v;
  }
  // Attaches the exact operands of a division.
  Value& WithFraction(Operand numerator, Operand denominator) {
    raw_.numerator_unit = numerator.unit;
    raw_.numerator = numerator.value;
    raw_.denominator_unit = denominator.unit;
    raw_.denominator = denominator.value;
    return *this;
  }

 private:
  mutable sm_value raw_{};
  std::string text_;
};

inline Value Count(int64_t n) { return Value::Of(SM_UNIT_COUNT, n, 0); }
inline Value Money(int64_t minor_units) { return Value::Of(SM_UNIT_MONEY, minor_units, 0); }
inline Value Days(double days) { return Value::Of(SM_UNIT_DAYS, 0, days); }
inline Value Number(double x) { return Value::Of(SM_UNIT_NUMBER, 0, x); }
inline Value Text(std::string text) { return Value::Of(SM_UNIT_TEXT, 0, 0, std::move(text)); }
inline Value Flag(bool b) { return Value::Of(SM_UNIT_BOOL, b ? 1 : 0, 0); }
inline Value Date(std::string yyyy_mm_dd) { return Value::Of(SM_UNIT_DATE, 0, 0, std::move(yyyy_mm_dd)); }
inline Value Absent(std::string reason) { return Value::Of(SM_UNIT_ABSENT, 0, 0, std::move(reason)); }
// Text that may be missing (a null column).
inline Value OptionalText(const std::optional<std::string>& text) {
  return text ? Text(*text) : Absent("");
}

// numerator / denominator as a ratio; absent with `reason` when the
// denominator is zero.
inline Value Ratio(Operand numerator, Operand denominator, std::string reason) {
  Value v = denominator.value == 0
                ? Absent(std::move(reason))
                : Value::Of(SM_UNIT_RATIO, 0,
                            static_cast<double>(numerator.value) / static_cast<double>(denominator.value));
  v.WithFraction(numerator, denominator);
  return v;
}

// factor x numerator / denominator in money, rounded to the nearest minor
// unit, halves away from zero; absent with `reason` when the denominator is
// zero.
inline Value MoneyQuotient(int64_t numerator_minor, Operand denominator, std::string reason,
                           Decimal factor = Decimal{1, 0}) {
  Value v = denominator.value == 0
                ? Absent(std::move(reason))
                : Money(static_cast<int64_t>(RoundedQuotient(
                      static_cast<Int128>(numerator_minor) * factor.units,
                      static_cast<Int128>(denominator.value) * factor.Denominator())));
  v.WithFraction(MoneyOf(numerator_minor), denominator);
  return v;
}

// ---------------------------------------------------------------- Metadata

// Dimensions of opportunity-based and lead-based metrics (kpis.md).
inline const std::vector<std::string> kOpportunityDimensions = {
    "rep", "team", "product_line", "region", "segment", "competitor"};
inline const std::vector<std::string> kLeadDimensions = {"source_channel", "campaign", "region",
                                                         "rep"};

struct Parameter {
  std::string name;
  std::string description;
  int32_t type = SM_PARAM_DECIMAL;  // SM_PARAM_*
  std::string default_value;  // empty: optional, unset unless the request sets it
  std::optional<std::string> minimum;
  bool minimum_exclusive = false;
  std::optional<std::string> maximum;
  bool maximum_exclusive = false;
  std::vector<std::string> choices;  // SM_PARAM_CHOICE

  // The `variant` parameter: one of `choices`, the first being the default.
  static Parameter Variant(std::vector<std::string> choices, std::string description) {
    Parameter p{.name = "variant", .description = std::move(description), .type = SM_PARAM_CHOICE};
    p.default_value = choices.front();
    p.choices = std::move(choices);
    return p;
  }
};

// A measure a metric emits, or a column of its rows.
struct Output {
  std::string name;
  int32_t unit;  // SM_UNIT_*
  std::string description;
};

struct MetricInfo {
  std::string id;
  std::string display_name;
  std::string description;
  int32_t unit = SM_UNIT_NUMBER;  // of the headline
  int32_t kind = SM_KIND_METRIC;
  bool supports_series = true;
  bool period_ignored = false;  // a snapshot at as_of; the period may be omitted
  std::vector<std::string> filter_dimensions;
  std::vector<std::string> group_by_dimensions;
  std::vector<Parameter> parameters;
  std::vector<Output> measures;  // the first is the headline
  std::vector<Output> columns;   // for metrics that answer with rows
};

// ---------------------------------------------------------------- Requests

// A group key as a query returns it: nullopt for the null key, and always
// nullopt in an ungrouped pass.
using GroupKey = std::optional<std::string>;

// Where a value belongs: a bucket (0 = the whole period) and a group key.
struct Cell {
  int64_t bucket = 0;
  GroupKey group;
  friend bool operator<(const Cell& a, const Cell& b) {
    return std::tie(a.bucket, a.group) < std::tie(b.bucket, b.group);
  }
};

// Per-cell accumulators; see Request::NewCellMap.
template <typename T>
using CellMap = std::map<Cell, T>;

namespace internal {

template <typename T>
struct Column;
template <typename T>
  requires std::is_integral_v<T>
struct Column<T> {
  static constexpr char kType = 'i';
  static T Read(const sm_host_api* host, sm_query* q, size_t i) {
    return static_cast<T>(host->query_int64(q, i));
  }
};
template <>
struct Column<double> {
  static constexpr char kType = 'd';
  static double Read(const sm_host_api* host, sm_query* q, size_t i) { return host->query_double(q, i); }
};
template <>
struct Column<std::string> {
  static constexpr char kType = 't';
  static std::string Read(const sm_host_api* host, sm_query* q, size_t i) {
    size_t len = 0;
    const char* text = host->query_text(q, i, &len);
    return std::string(text, len);
  }
};
template <typename T>
struct Column<std::optional<T>> {
  static constexpr char kType = Column<T>::kType;
  static std::optional<T> Read(const sm_host_api* host, sm_query* q, size_t i) {
    if (host->query_is_null(q, i)) return std::nullopt;
    return Column<T>::Read(host, q, i);
  }
};

template <typename T>
T ReadColumn(const sm_host_api* host, sm_query* q, size_t i) {
  if constexpr (!requires { typename T::value_type; } || std::is_same_v<T, std::string>) {
    if (host->query_is_null(q, i)) {
      throw Error("query column " + std::to_string(i) +
                  " is NULL; read it as std::optional");
    }
  }
  return Column<T>::Read(host, q, i);
}

}  // namespace internal

// The rows of a query, read as tuples of the given column types:
// integral types, double, std::string, or std::optional of those for
// columns that may be NULL.
template <typename... Columns>
class Rows {
 public:
  using Tuple = std::tuple<Columns...>;

  Rows(const sm_host_api* host, sm_query* query) : host_(host), query_(query) {}
  Rows(Rows&& other) noexcept : host_(other.host_), query_(std::exchange(other.query_, nullptr)) {}
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;
  ~Rows() {
    if (query_ != nullptr) host_->query_close(query_);
  }

  class iterator {
   public:
    explicit iterator(Rows* rows) : rows_(rows) { Advance(); }
    const Tuple& operator*() const { return row_; }
    iterator& operator++() {
      Advance();
      return *this;
    }
    bool operator==(std::default_sentinel_t) const { return rows_ == nullptr; }

   private:
    void Advance() {
      const int32_t status = rows_->host_->query_next(rows_->query_);
      if (status < 0) throw internal::HostFailed{};
      if (status == 0) {
        rows_ = nullptr;
        return;
      }
      row_ = Read(std::index_sequence_for<Columns...>{});
    }
    template <size_t... I>
    Tuple Read(std::index_sequence<I...>) const {
      return Tuple{internal::ReadColumn<Columns>(rows_->host_, rows_->query_, I)...};
    }
    Rows* rows_;
    Tuple row_;
  };

  iterator begin() { return iterator(this); }
  std::default_sentinel_t end() { return {}; }

 private:
  const sm_host_api* host_;
  sm_query* query_;
};

// A named SQL parameter passed to Request::Query.
struct SqlParam {
  std::string name;
  sm_sql_param raw{};
  std::string text;

  static SqlParam Int64(std::string name, int64_t v) { return Make(std::move(name), SM_SQL_INT64, v, 0, {}); }
  static SqlParam Double(std::string name, double v) { return Make(std::move(name), SM_SQL_DOUBLE, 0, v, {}); }
  static SqlParam Text(std::string name, std::string v) { return Make(std::move(name), SM_SQL_TEXT, 0, 0, std::move(v)); }
  // microseconds since the Unix epoch
  static SqlParam Timestamp(std::string name, int64_t unix_micros) {
    return Make(std::move(name), SM_SQL_TIMESTAMP, unix_micros, 0, {});
  }

 private:
  static SqlParam Make(std::string name, int32_t type, int64_t i, double d, std::string text) {
    SqlParam p;
    p.name = std::move(name);
    p.raw.type = type;
    p.raw.integer = i;
    p.raw.real = d;
    p.text = std::move(text);
    return p;
  }
};

// One pass of a metric computation: the request's buckets, parameters and
// grouping, access to the database, and where results go.
class Request {
 public:
  Request(const sm_host_api* host, sm_request* request) : host_(host), request_(request) {}

  // Buckets are 0 (the whole period) to bucket_count() - 1 (the series).
  int64_t bucket_count() const { return host_->bucket_count(request_); }
  // Whether this pass groups by a dimension (the group column then holds keys).
  bool grouped() const { return host_->grouped(request_) != 0; }
  // as_of in microseconds since the Unix epoch.
  int64_t as_of_micros() const { return host_->as_of_micros(request_); }

  // A declared parameter's value (the request's or the default), as text;
  // empty for an optional parameter the request did not set.
  std::string Param(const char* name) const {
    size_t len = 0;
    const char* value = host_->parameter(request_, name, &len);
    if (value == nullptr) throw Error(std::string("undeclared parameter ") + name);
    return std::string(value, len);
  }
  // An optional parameter's value; nullopt when the request did not set it.
  std::optional<std::string> OptionalParam(const char* name) const {
    std::string value = Param(name);
    if (value.empty()) return std::nullopt;
    return value;
  }
  int64_t IntParam(const char* name) const { return std::stoll(Param(name)); }
  Decimal DecimalParam(const char* name) const {
    const auto d = Decimal::Parse(Param(name));
    if (!d) throw Error(std::string("parameter ") + name + " is not a decimal");
    return *d;
  }

  // Runs a query and returns its rows as tuples of Columns.
  template <typename... Columns>
  Rows<Columns...> Query(std::string_view sql, const std::vector<SqlParam>& params = {}) {
    static constexpr char kTypes[] = {internal::Column<Columns>::kType..., '\0'};
    std::vector<sm_sql_param> raw;
    raw.reserve(params.size());
    for (const SqlParam& p : params) {
      raw.push_back(p.raw);
      raw.back().name = p.name.c_str();
      raw.back().text = p.text.data();
      raw.back().text_len = p.text.size();
    }
    sm_query* q = host_->query_run(request_, sql.data(), sql.size(), raw.data(), raw.size(), kTypes);
    if (q == nullptr) throw internal::HostFailed{};
    return Rows<Columns...>(host_, q);
  }

  // A map holding a default T for every bucket in an ungrouped pass (so
  // that empty buckets are reported too) and nothing in a grouped pass
  // (groups are the keys the data has).
  template <typename T>
  CellMap<T> NewCellMap() const {
    CellMap<T> cells;
    if (!grouped()) {
      for (int64_t b = 0; b < bucket_count(); ++b) cells[Cell{b, std::nullopt}];
    }
    return cells;
  }

  // Sets a declared measure of a cell.
  void Emit(const Cell& cell, const char* measure, const Value& value) {
    const sm_cell raw = ToRaw(cell);
    if (host_->emit_measure(request_, &raw, measure, &value.raw()) != 0) throw internal::HostFailed{};
  }
  // Appends a row, one value per declared column, to a cell's table.
  void EmitRow(const Cell& cell, const std::vector<Value>& values) {
    std::vector<sm_value> raw;
    raw.reserve(values.size());
    for (const Value& v : values) raw.push_back(v.raw());
    const sm_cell raw_cell = ToRaw(cell);
    if (host_->emit_row(request_, &raw_cell, raw.data(), raw.size()) != 0) throw internal::HostFailed{};
  }
  // States the definition variant and formula behind the result.
  void SetDefinition(const std::string& variant, const std::string& formula) {
    host_->set_definition(request_, variant.c_str(), formula.c_str());
  }

 private:
  static sm_cell ToRaw(const Cell& cell) {
    return sm_cell{cell.bucket, cell.group ? cell.group->data() : nullptr,
                   cell.group ? cell.group->size() : 0};
  }
  const sm_host_api* host_;
  sm_request* request_;
};

// ---------------------------------------------------------------- Metrics

// Base class of a metric. Compute is called concurrently from several
// threads: keep it free of mutable state.
class Metric {
 public:
  virtual ~Metric() = default;
  virtual MetricInfo Info() const = 0;
  virtual void Compute(Request& request) const = 0;
};

namespace internal {

struct MetricState {
  const sm_host_api* host;
  std::unique_ptr<Metric> metric;
};

inline int32_t ComputeTrampoline(void* state, sm_request* request) {
  auto* s = static_cast<MetricState*>(state);
  try {
    Request r(s->host, request);
    s->metric->Compute(r);
    return 0;
  } catch (const HostFailed&) {
  } catch (const Error& e) {
    s->host->fail(request, e.code(), e.what());
  } catch (const std::bad_alloc&) {
    s->host->fail(request, SM_CODE_RESOURCE_EXHAUSTED, "the plugin ran out of memory");
  } catch (const std::exception& e) {
    s->host->fail(request, SM_CODE_INTERNAL, e.what());
  } catch (...) {
    s->host->fail(request, SM_CODE_INTERNAL, "unknown exception in plugin");
  }
  return 1;
}

inline void DestroyTrampoline(void* state) { delete static_cast<MetricState*>(state); }

inline std::vector<const char*> CStrings(const std::vector<std::string>& strings) {
  std::vector<const char*> out;
  for (const std::string& s : strings) out.push_back(s.c_str());
  return out;
}

inline std::vector<sm_output_def> Outputs(const std::vector<Output>& outputs) {
  std::vector<sm_output_def> out;
  for (const Output& o : outputs) out.push_back({o.name.c_str(), o.unit, 0, o.description.c_str()});
  return out;
}

}  // namespace internal

// Registers a plugin's metrics during init.
class Registry {
 public:
  Registry(const sm_host_api* host, sm_registrar* registrar) : host_(host), registrar_(registrar) {}

  template <typename M, typename... Args>
  void Add(Args&&... args) {
    Add(std::make_unique<M>(std::forward<Args>(args)...));
  }

  void Add(std::unique_ptr<Metric> metric) {
    const MetricInfo info = metric->Info();
    const auto filters = internal::CStrings(info.filter_dimensions);
    const auto group_bys = internal::CStrings(info.group_by_dimensions);
    const auto measures = internal::Outputs(info.measures);
    const auto columns = internal::Outputs(info.columns);
    std::vector<std::vector<const char*>> choices;
    std::vector<sm_param_def> params;
    for (const Parameter& p : info.parameters) {
      choices.push_back(internal::CStrings(p.choices));
      params.push_back(sm_param_def{
          p.name.c_str(), p.description.c_str(), p.type, p.minimum_exclusive,
          p.default_value.c_str(), p.minimum ? p.minimum->c_str() : nullptr,
          p.maximum ? p.maximum->c_str() : nullptr, p.maximum_exclusive, 0,
          choices.back().data(), choices.back().size()});
    }
    auto state = std::make_unique<internal::MetricState>(internal::MetricState{host_, std::move(metric)});
    sm_metric_def def{};
    def.struct_size = sizeof(sm_metric_def);
    def.unit = info.unit;
    def.id = info.id.c_str();
    def.display_name = info.display_name.c_str();
    def.description = info.description.c_str();
    def.kind = info.kind;
    def.supports_series = info.supports_series ? 1 : 0;
    def.period_ignored = info.period_ignored ? 1 : 0;
    def.filter_dimensions = filters.data();
    def.filter_dimension_count = filters.size();
    def.group_by_dimensions = group_bys.data();
    def.group_by_dimension_count = group_bys.size();
    def.parameters = params.data();
    def.parameter_count = params.size();
    def.measures = measures.data();
    def.measure_count = measures.size();
    def.columns = columns.data();
    def.column_count = columns.size();
    def.state = state.get();
    def.compute = &internal::ComputeTrampoline;
    def.destroy = &internal::DestroyTrampoline;
    if (host_->register_metric(registrar_, &def) != 0) {
      throw internal::HostFailed{};  // the host has said why
    }
    state.release();  // now owned by the host, released through destroy
  }

 private:
  const sm_host_api* host_;
  sm_registrar* registrar_;
};

namespace internal {

template <void (*Register)(Registry&)>
int32_t Init(const sm_host_api* host, sm_registrar* registrar) {
  try {
    Registry registry(host, registrar);
    Register(registry);
    return 0;
  } catch (const HostFailed&) {
  } catch (const std::exception& e) {
    host->refuse(registrar, e.what());
  } catch (...) {
    host->refuse(registrar, "unknown exception during init");
  }
  return 1;
}

}  // namespace internal
}  // namespace salesmetrics::sdk

// Defines the plugin's entry point. The block that follows registers its
// metrics:
//
//   SALESMETRICS_PLUGIN("my_metrics", registry) { registry.Add<MyMetric>(); }
#define SALESMETRICS_PLUGIN(plugin_name, registry)                                      \
  static void SalesmetricsRegisterMetrics(::salesmetrics::sdk::Registry& registry);     \
  extern "C" SM_PLUGIN_EXPORT const sm_plugin_info* salesmetrics_plugin(void) {         \
    static const sm_plugin_info info = {                                                \
        SM_ABI_VERSION_MAJOR, SM_ABI_VERSION_MINOR, plugin_name,                        \
        &::salesmetrics::sdk::internal::Init<&SalesmetricsRegisterMetrics>};            \
    return &info;                                                                       \
  }                                                                                     \
  static void SalesmetricsRegisterMetrics(::salesmetrics::sdk::Registry& registry)

#endif  // SALESMETRICS_SDK_H_
