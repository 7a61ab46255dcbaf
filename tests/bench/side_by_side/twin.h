// A hand-written SQL twin of a case's figures: one or more statements (each
// ends with `;` at the end of a line), each giving rows (key, value) with the
// keys of answer_keys.h, run on a plain database session as an application
// would run them.
#ifndef SALESMETRICS_TESTS_BENCH_SIDE_BY_SIDE_TWIN_H_
#define SALESMETRICS_TESTS_BENCH_SIDE_BY_SIDE_TWIN_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "soci/soci.h"
#include "tests/bench/side_by_side/answer_keys.h"

namespace salesmetrics::bench {

// Reads twins/<engine>/<name>.sql (engine: sqlite or postgresql) and puts
// each {{param}} in place; a placeholder without a value is an error.
absl::StatusOr<std::vector<std::string>> LoadTwin(const std::string& twins_dir, const std::string& engine,
                                                  const std::string& name,
                                                  const std::map<std::string, std::string>& params);

// Runs the statements and gathers their rows; a key given twice is an error.
absl::StatusOr<Figures> RunTwin(soci::session& session, const std::vector<std::string>& statements);

}  // namespace salesmetrics::bench

#endif  // SALESMETRICS_TESTS_BENCH_SIDE_BY_SIDE_TWIN_H_
