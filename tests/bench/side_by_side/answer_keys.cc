#include "tests/bench/side_by_side/answer_keys.h"

#include <cmath>
#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"
#include "salesmetrics/v1/value.pb.h"

namespace salesmetrics::bench {
namespace {

namespace pb = google::protobuf;
namespace v1 = salesmetrics::v1;

std::string Double(double d) { return absl::StrFormat("%.17g", d); }

void AddValue(const v1::Value& value, const std::string& path, Figures& out) {
  switch (value.kind_case()) {
    case v1::Value::kCount: out[path] = absl::StrCat(value.count()); break;
    case v1::Value::kMoney: out[path] = absl::StrCat(value.money().minor_units()); break;
    case v1::Value::kRatio: out[path] = Double(value.ratio()); break;
    case v1::Value::kDays: out[path] = Double(value.days()); break;
    case v1::Value::kNumber: out[path] = Double(value.number()); break;
    case v1::Value::kText: out[path] = value.text(); break;
    case v1::Value::kFlag: out[path] = value.flag() ? "1" : "0"; break;
    case v1::Value::kDate: out[path] = value.date(); break;
    case v1::Value::KIND_NOT_SET: out[path] = "absent"; break;
  }
  if (value.has_fraction()) {
    const v1::Fraction& f = value.fraction();
    const int64_t numerator = f.has_money_numerator() ? f.money_numerator().minor_units() : f.count_numerator();
    const int64_t denominator =
        f.has_money_denominator() ? f.money_denominator().minor_units() : f.count_denominator();
    out[path + ".fraction"] = absl::StrCat(numerator, "/", denominator);
  }
}

void AddMessage(const pb::Message& message, const std::string& path, Figures& out);

// How an element of a repeated field is named: by its key field, else by its index.
std::string ElementName(const pb::Message& element, int index) {
  const pb::Descriptor* d = element.GetDescriptor();
  const pb::Reflection* r = element.GetReflection();
  for (const char* name : {"key", "label", "stage_id", "id", "metric", "name"}) {
    const pb::FieldDescriptor* f = d->FindFieldByName(name);
    if (f == nullptr || f->type() != pb::FieldDescriptor::TYPE_STRING || f->is_repeated()) continue;
    if (f->has_presence() && !r->HasField(element, f)) return "(none)";
    return r->GetString(element, f);
  }
  return absl::StrCat(index);
}

void AddTable(const v1::Table& table, const std::string& path, Figures& out) {
  for (int i = 0; i < table.rows_size(); ++i) {
    for (int c = 0; c < table.rows(i).values_size() && c < table.columns_size(); ++c) {
      AddValue(table.rows(i).values(c), absl::StrCat(path, "[", i, "].", table.columns(c).name()), out);
    }
  }
}

void AddScalar(const pb::Message& m, const pb::FieldDescriptor* f, const std::string& path, Figures& out) {
  const pb::Reflection* r = m.GetReflection();
  switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32: out[path] = absl::StrCat(r->GetInt32(m, f)); break;
    case pb::FieldDescriptor::CPPTYPE_INT64: out[path] = absl::StrCat(r->GetInt64(m, f)); break;
    case pb::FieldDescriptor::CPPTYPE_UINT32: out[path] = absl::StrCat(r->GetUInt32(m, f)); break;
    case pb::FieldDescriptor::CPPTYPE_UINT64: out[path] = absl::StrCat(r->GetUInt64(m, f)); break;
    case pb::FieldDescriptor::CPPTYPE_DOUBLE: out[path] = Double(r->GetDouble(m, f)); break;
    case pb::FieldDescriptor::CPPTYPE_FLOAT: out[path] = Double(r->GetFloat(m, f)); break;
    case pb::FieldDescriptor::CPPTYPE_BOOL: out[path] = r->GetBool(m, f) ? "1" : "0"; break;
    default: break;  // names, labels and units are not figures
  }
}

void AddField(const pb::Message& m, const pb::FieldDescriptor* f, const std::string& path, Figures& out) {
  const pb::Reflection* r = m.GetReflection();
  if (f->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) {
    if (!f->is_repeated()) AddScalar(m, f, path, out);
    return;
  }
  if (!f->is_repeated()) {
    if (r->HasField(m, f)) AddMessage(r->GetMessage(m, f), path, out);
    return;
  }
  for (int i = 0; i < r->FieldSize(m, f); ++i) {
    const pb::Message& element = r->GetRepeatedMessage(m, f, i);
    AddMessage(element, absl::StrCat(path, "[", ElementName(element, i), "]"), out);
  }
}

void AddMessage(const pb::Message& message, const std::string& path, Figures& out) {
  const pb::Descriptor* d = message.GetDescriptor();
  if (d->file()->package() == "google.protobuf") return;  // timestamps are not figures
  if (d == v1::Value::descriptor()) return AddValue(static_cast<const v1::Value&>(message), path, out);
  if (d == v1::Money::descriptor()) {
    out[path] = absl::StrCat(static_cast<const v1::Money&>(message).minor_units());
    return;
  }
  if (d == v1::Table::descriptor()) return AddTable(static_cast<const v1::Table&>(message), path, out);
  for (int i = 0; i < d->field_count(); ++i) {
    const pb::FieldDescriptor* f = d->field(i);
    AddField(message, f, path.empty() ? f->name() : absl::StrCat(path, ".", f->name()), out);
  }
}

}  // namespace

Figures FiguresOf(const pb::Message& answer) {
  Figures out;
  AddMessage(answer, "", out);
  return out;
}

bool SameFigure(const std::string& a, const std::string& b) {
  if (a == b) return true;
  int64_t ia, ib;
  if (absl::SimpleAtoi(a, &ia) && absl::SimpleAtoi(b, &ib)) return ia == ib;
  double da, db;
  if (!absl::SimpleAtod(a, &da) || !absl::SimpleAtod(b, &db)) return false;
  return std::fabs(da - db) <= 1e-9 * std::max({1.0, std::fabs(da), std::fabs(db)});
}

}  // namespace salesmetrics::bench
