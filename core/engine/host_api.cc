#include "core/engine/host_api.h"

#include <algorithm>
#include <memory>

#include "absl/base/casts.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/engine/metric_sql.h"
#include "core/plugin/plugin_loader.h"
#include "core/query/dimensions.h"
#include "core/query/result_cursor.h"
#include "core/time/civil_time.h"
#include "core/util/log.h"
#include "core/util/status_detail.h"

// A running query of a request.
struct sm_query {
  sm_request* request;
  std::string column_types;
  std::unique_ptr<salesmetrics::ResultCursor> cursor;     // the database's rows, as they come
  std::unique_ptr<salesmetrics::AdditiveRows> added_up;  // or an additive query's, added up
  char column_type(size_t column) const { return column < column_types.size() ? column_types[column] : '\0'; }
};

namespace salesmetrics {
namespace {

void Fail(sm_request* request, absl::Status status) {
  if (request->failure.ok()) request->failure = std::move(status);
}

// Fails the request when its deadline has passed: checked between the
// steps of a metric, so that one ends in time even between statements.
bool PastDeadline(sm_request* request) {
  if (absl::Now() < request->lease->deadline()) return false;
  Fail(request, absl::DeadlineExceededError(absl::StrCat("the deadline passed while computing ",
                                                         request->plan->metric->id())));
  return true;
}

// A rejected emission: past a limit on the answer's size it is that;
// anything else is a bug of the plugin.
void FailEmission(sm_request* request, const absl::Status& status) {
  const absl::StatusCode code =
      absl::IsResourceExhausted(status) ? status.code() : absl::StatusCode::kInternal;
  Fail(request, absl::Status(code, absl::StrCat("metric ", request->plan->metric->id(), ": ", status.message())));
}

absl::Status CodeToStatus(int32_t code, const std::string& message) {
  switch (code) {
    case SM_CODE_INVALID_ARGUMENT:
      return absl::InvalidArgumentError(message);
    case SM_CODE_FAILED_PRECONDITION:
      return absl::FailedPreconditionError(message);
    case SM_CODE_RESOURCE_EXHAUSTED:
      return absl::ResourceExhaustedError(message);
    case SM_CODE_UNAVAILABLE:
      return absl::UnavailableError(message);
    default:
      return absl::InternalError(message);
  }
}

absl::StatusOr<SqlParams> ToSqlParams(const sm_sql_param* params, size_t count) {
  SqlParams out;
  for (size_t i = 0; i < count; ++i) {
    const sm_sql_param& p = params[i];
    if (p.name == nullptr) return absl::InvalidArgumentError("a query parameter has no name");
    const std::string text = p.text == nullptr ? "" : std::string(p.text, p.text_len);
    switch (p.type) {
      case SM_SQL_INT64:
        out[p.name] = SqlValue::Int64(p.integer);
        break;
      case SM_SQL_DOUBLE:
        out[p.name] = SqlValue::Double(p.real);
        break;
      case SM_SQL_TEXT:
        out[p.name] = SqlValue::Text(text);
        break;
      case SM_SQL_DATE:
        out[p.name] = SqlValue::Date(text);
        break;
      case SM_SQL_TIMESTAMP:
        out[p.name] = SqlValue::Timestamp(FormatSqlTimestamp(absl::FromUnixMicros(p.integer)));
        break;
      default:
        return absl::InvalidArgumentError(absl::StrCat("query parameter :", p.name, " has unknown type ", p.type));
    }
  }
  return out;
}

ResultCollector::CellKey ToCellKey(const sm_request* request, const sm_cell* cell) {
  std::optional<std::string> group;
  if (request->grouped && cell->group != nullptr) group = std::string(cell->group, cell->group_len);
  return {cell->bucket, request->grouped, std::move(group)};
}

absl::Status CheckCell(const sm_request* request, const sm_cell* cell) {
  if (cell == nullptr || cell->bucket < 0 || cell->bucket >= static_cast<int64_t>(request->plan->windows.size())) {
    return absl::InternalError("emitted into no valid bucket");
  }
  return absl::OkStatus();
}

// --- The request

int64_t BucketCount(const sm_request* request) { return static_cast<int64_t>(request->plan->windows.size()); }

int32_t Grouped(const sm_request* request) { return request->grouped ? 1 : 0; }

const char* Parameter(const sm_request* request, const char* name, size_t* len) {
  const std::string id = name == nullptr ? "" : name;
  const auto& specs = request->plan->metric->info().parameters();
  if (std::none_of(specs.begin(), specs.end(), [&](const auto& spec) { return spec.name() == id; })) return nullptr;
  const auto it = request->plan->parameters.find(id);
  if (it == request->plan->parameters.end()) {  // optional, not set
    if (len != nullptr) *len = 0;
    return "";
  }
  if (len != nullptr) *len = it->second.size();
  return it->second.c_str();
}

int64_t AsOfMicros(const sm_request* request) { return absl::ToUnixMicros(request->plan->context.as_of); }

// --- SQL

std::string MemoKey(absl::string_view sql, absl::string_view column_types, const sm_sql_param* params,
                    size_t param_count) {
  std::string key = absl::StrCat(sql, std::string(1, '\0'), column_types);
  for (size_t i = 0; i < param_count; ++i) {
    const sm_sql_param& p = params[i];
    absl::StrAppend(&key, std::string(1, '\0'), p.name, ":", p.type, ":", p.integer, ":",
                    absl::bit_cast<uint64_t>(p.real), ":", p.text == nullptr ? "" : absl::string_view(p.text, p.text_len));
  }
  return key;
}

// The rows an additive query's pass reads, added up from its cells. A
// request grouped by a dimension that partitions the rows runs the query
// grouped once: the ungrouped pass adds the groups up, and the grouped pass
// reads the same cells again from the memo. `bound` is the query as this
// pass would run it. Throws like ResultCursor.
absl::Status AddUp(sm_request* request, sm_query* query, absl::string_view sql, const sm_sql_param* params,
                   size_t param_count, const SqlParams& extra, BoundSql bound, const AdditiveShape& shape) {
  const ComputePlan& plan = *request->plan;
  const bool shared = !plan.group_by.empty() && GroupsPartitionRows(plan.group_by);
  const std::string key = shared ? MemoKey(sql, query->column_types, params, param_count) : "";
  const auto memoized = shared ? request->memo->find(key) : request->memo->end();
  const AdditiveRows* cells = memoized != request->memo->end() ? memoized->second.get() : nullptr;
  std::unique_ptr<AdditiveRows> read;
  if (cells == nullptr) {
    if (shared && !request->grouped) {
      AdditiveShape grouped_shape;
      absl::StatusOr<BoundSql> grouped =
          PrepareSql(sql, MetricSqlScope(plan, /*grouped=*/true), request->lease->dialect(), extra, &grouped_shape);
      if (!grouped.ok()) return absl::InternalError(absl::StrCat("bad query: ", grouped.status().message()));
      bound = *std::move(grouped);
    }
    ResultCursor cursor(request->lease->session(), bound, query->column_types);
    read = std::make_unique<AdditiveRows>(query->column_types.size());
    if (absl::Status s = read->ReadAll(cursor); !s.ok()) return s;
    cells = read.get();
    if (shared) (*request->memo)[key] = std::move(read);
  }
  query->added_up = std::make_unique<AdditiveRows>(query->column_types.size());
  return query->added_up->Derive(*cells, /*by_group=*/request->grouped, shape.whole_period_left_out);
}

sm_query* QueryRun(sm_request* request, const char* sql, size_t sql_len, const sm_sql_param* params,
                   size_t param_count, const char* column_types) {
  if (!request->failure.ok() || PastDeadline(request)) return nullptr;
  const std::string& id = request->plan->metric->id();
  const absl::string_view text(sql, sql_len);
  absl::StatusOr<SqlParams> extra = ToSqlParams(params, param_count);
  AdditiveShape shape;
  absl::StatusOr<BoundSql> bound =
      extra.ok() ? PrepareSql(text, MetricSqlScope(*request->plan, request->grouped), request->lease->dialect(),
                              *extra, &shape)
                 : extra.status();
  auto query = std::make_unique<sm_query>(sm_query{request, column_types == nullptr ? "" : column_types});
  if (bound.ok() && shape.additive) {
    if (absl::Status s = AdditiveRows::CheckColumnTypes(query->column_types); !s.ok()) bound = s;
  }
  if (!bound.ok()) {
    Fail(request, absl::InternalError(absl::StrCat("metric ", id, ": bad query: ", bound.status().message())));
    return nullptr;
  }
  try {
    if (!shape.additive) {
      query->cursor = std::make_unique<ResultCursor>(request->lease->session(), *bound, query->column_types);
    } else if (absl::Status s = AddUp(request, query.get(), text, params, param_count, *extra, *bound, shape);
               !s.ok()) {
      Fail(request, Prefixed(absl::StrCat("metric ", id, ": "), s));
      return nullptr;
    }
  } catch (const std::exception& e) {
    absl::Status status = request->lease->Fail(e);
    Fail(request, Prefixed(absl::StrCat("metric ", id, ": "), status));
    return nullptr;
  }
  return query.release();
}

int32_t QueryNext(sm_query* query) {
  sm_request* request = query->request;
  if (!request->failure.ok() || PastDeadline(request)) return -1;
  if (query->added_up != nullptr) return query->added_up->Next() ? 1 : 0;
  try {
    return query->cursor->Next() ? 1 : 0;
  } catch (const std::exception& e) {
    absl::Status status = request->lease->Fail(e);
    Fail(request, Prefixed(absl::StrCat("metric ", request->plan->metric->id(), ": "), status));
    return -1;
  }
}

// Whether `column` exists and was declared as `type`; fails the request if not.
bool CheckColumn(sm_query* query, size_t column, char type) {
  if (query->column_type(column) == type) return true;
  Fail(query->request, absl::InternalError(absl::StrCat("metric ", query->request->plan->metric->id(), " read column ",
                                                        column, " as '", std::string(1, type), "' but declared '",
                                                        query->column_types, "'")));
  return false;
}

int32_t QueryIsNull(sm_query* query, size_t column) {
  if (column >= query->column_types.size()) return 1;
  if (query->added_up != nullptr) return query->added_up->IsNull(column) ? 1 : 0;
  return query->cursor->IsNull(column) ? 1 : 0;
}

int64_t QueryInt64(sm_query* query, size_t column) {
  if (!CheckColumn(query, column, 'i')) return 0;
  return query->added_up != nullptr ? query->added_up->Int64(column) : query->cursor->Int64(column);
}

double QueryDouble(sm_query* query, size_t column) {
  return CheckColumn(query, column, 'd') ? query->cursor->Double(column) : 0;
}

const char* QueryText(sm_query* query, size_t column, size_t* len) {
  if (!CheckColumn(query, column, 't')) {
    *len = 0;
    return "";
  }
  const std::string& text =
      query->added_up != nullptr ? query->added_up->Text(column) : query->cursor->Text(column);
  *len = text.size();
  return text.c_str();
}

void QueryClose(sm_query* query) { delete query; }

// --- Results

int32_t EmitMeasure(sm_request* request, const sm_cell* cell, const char* measure, const sm_value* value) {
  absl::Status status = CheckCell(request, cell);
  if (status.ok()) status = request->results->EmitMeasure(ToCellKey(request, cell), measure == nullptr ? "" : measure, *value);
  if (!status.ok()) {
    FailEmission(request, status);
    return 1;
  }
  return 0;
}

int32_t EmitRow(sm_request* request, const sm_cell* cell, const sm_value* values, size_t count) {
  absl::Status status = CheckCell(request, cell);
  if (status.ok()) status = request->results->EmitRow(ToCellKey(request, cell), values, count);
  if (!status.ok()) {
    FailEmission(request, status);
    return 1;
  }
  return 0;
}

void SetDefinition(sm_request* request, const char* variant, const char* formula) {
  request->results->SetDefinition(variant == nullptr ? "" : variant, formula == nullptr ? "" : formula);
}

void FailRequest(sm_request* request, int32_t code, const char* message) {
  Fail(request, CodeToStatus(code, absl::StrCat("metric ", request->plan->metric->id(), ": ",
                                                message == nullptr ? "failed" : message)));
}

void PluginLog(int32_t level, const char* message) {
  Log(level <= 0 ? LogLevel::kInfo : level == 1 ? LogLevel::kWarning : LogLevel::kError,
      message == nullptr ? "" : message);
}

const sm_host_api kHostApi = {
    sizeof(sm_host_api),
    SM_ABI_VERSION_MAJOR,
    SM_ABI_VERSION_MINOR,
    0,
    &HostRegisterMetric,
    &HostRefuse,
    &BucketCount,
    &Grouped,
    &Parameter,
    &AsOfMicros,
    &QueryRun,
    &QueryNext,
    &QueryIsNull,
    &QueryInt64,
    &QueryDouble,
    &QueryText,
    &QueryClose,
    &EmitMeasure,
    &EmitRow,
    &SetDefinition,
    &FailRequest,
    &PluginLog,
};

}  // namespace

const sm_host_api* HostApi() { return &kHostApi; }

}  // namespace salesmetrics
