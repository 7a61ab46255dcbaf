// The figures of a service answer, flattened to key -> value, so that a
// hand-written SQL twin can give the same figures as rows (key, value).
//
// Keys are field paths: `result.value`, `series[2026-07].groups[west].result.value`,
// `stages[qualify].reached_count`, `result.table[0].amount`. An element of a
// repeated field is named by its key field (key, label, stage_id, id, metric,
// name) where it has one, else by its index; a table row by its index, its
// cells by their column's name. Only figures are kept: integers, doubles,
// booleans, Money (its minor units) and Value; names, labels, units and
// timestamps are not figures. A Value gives its figure, and a fraction also
// `<path>.fraction` = "numerator/denominator"; an absent value is "absent".
#ifndef SALESMETRICS_TESTS_BENCH_SIDE_BY_SIDE_ANSWER_KEYS_H_
#define SALESMETRICS_TESTS_BENCH_SIDE_BY_SIDE_ANSWER_KEYS_H_

#include <map>
#include <string>

#include "google/protobuf/message.h"

namespace salesmetrics::bench {

using Figures = std::map<std::string, std::string>;

Figures FiguresOf(const google::protobuf::Message& answer);

// Whether two figures are the same: integers and text exactly, other numbers
// to a relative 1e-9 (what a double carries of a ratio or a number of days).
bool SameFigure(const std::string& a, const std::string& b);

}  // namespace salesmetrics::bench

#endif  // SALESMETRICS_TESTS_BENCH_SIDE_BY_SIDE_ANSWER_KEYS_H_
