#include "core/query/result_cursor.h"

#include <soci/soci.h>

#include <stdexcept>
#include <vector>

#include "absl/strings/str_cat.h"

namespace salesmetrics {

// What SOCI reads into and binds from; addresses must not change once bound.
struct ResultCursor::Buffers {
  std::vector<long long> integers;
  std::vector<double> reals;
  std::vector<std::string> texts;
  std::vector<soci::indicator> indicators;
  std::vector<long long> use_integers;
  std::vector<double> use_reals;
  std::vector<std::string> use_texts;
  std::unique_ptr<soci::statement> statement;
};

ResultCursor::ResultCursor(soci::session& session, const BoundSql& sql, absl::string_view column_types)
    : types_(column_types), buffers_(std::make_unique<Buffers>()) {
  Buffers& b = *buffers_;
  const size_t n = types_.size();
  b.integers.resize(n);
  b.reals.resize(n);
  b.texts.resize(n);
  b.indicators.resize(n, soci::i_null);
  b.use_integers.reserve(sql.values.size());
  b.use_reals.reserve(sql.values.size());
  b.use_texts.reserve(sql.values.size());

  b.statement = std::make_unique<soci::statement>(session);
  soci::statement& st = *b.statement;
  for (size_t c = 0; c < n; ++c) {
    switch (types_[c]) {
      case 'i':
        st.exchange(soci::into(b.integers[c], b.indicators[c]));
        break;
      case 'd':
        st.exchange(soci::into(b.reals[c], b.indicators[c]));
        break;
      case 't':
        st.exchange(soci::into(b.texts[c], b.indicators[c]));
        break;
      default:
        throw std::invalid_argument(absl::StrCat("column type '", std::string(1, types_[c]),
                                                 "' is none of i (int64), d (double), t (text)"));
    }
  }
  for (size_t p = 0; p < sql.values.size(); ++p) {
    const SqlValue& v = sql.values[p];
    const std::string name = absl::StrCat("p", p + 1);
    switch (v.type) {
      case SqlType::kInt64:
        b.use_integers.push_back(v.integer);
        st.exchange(soci::use(b.use_integers.back(), name));
        break;
      case SqlType::kDouble:
        b.use_reals.push_back(v.real);
        st.exchange(soci::use(b.use_reals.back(), name));
        break;
      default:
        b.use_texts.push_back(v.text);
        st.exchange(soci::use(b.use_texts.back(), name));
        break;
    }
  }
  st.alloc();
  // Run once: on PostgreSQL one round trip (PQexecParams) instead of three
  // (prepare, execute, deallocate).
  st.prepare(sql.text, soci::details::st_one_time_query);
  st.define_and_bind();
  st.execute(false);
}

ResultCursor::~ResultCursor() = default;

bool ResultCursor::Next() { return buffers_->statement->fetch(); }

bool ResultCursor::IsNull(size_t column) const { return buffers_->indicators.at(column) == soci::i_null; }

int64_t ResultCursor::Int64(size_t column) const {
  if (types_.at(column) == 'd') return static_cast<int64_t>(buffers_->reals[column]);
  return buffers_->integers.at(column);
}

double ResultCursor::Double(size_t column) const {
  if (types_.at(column) == 'i') return static_cast<double>(buffers_->integers[column]);
  return buffers_->reals.at(column);
}

const std::string& ResultCursor::Text(size_t column) const { return buffers_->texts.at(column); }

}  // namespace salesmetrics
