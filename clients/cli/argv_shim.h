// Prepares argv for absl::ParseCommandLine, which cannot do two things the
// CLI needs:
//  - repeat a flag: a repeated Abseil flag keeps only its last value, so the
//    repeatable --where and --param are taken out of argv here, in order;
//  - dashes in flag names: Abseil names cannot contain '-', so the
//    documented --as-of and --fiscal-year-start-month become --as_of and
//    --fiscal_year_start_month (every flag name gets '-' -> '_').
// It also rejects unknown flags and flags missing their value, which
// absl::ParseCommandLine would report by exiting with status 1, so that
// they are usage errors like the others.
//
//   absl::StatusOr<ShimmedArgv> shimmed = ShimArgv(args, LookUpAbseilFlag);
//   ... absl::ParseCommandLine over shimmed->args ...
#ifndef SALESMETRICS_CLIENTS_CLI_ARGV_SHIM_H_
#define SALESMETRICS_CLIENTS_CLI_ARGV_SHIM_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace salesmetrics::cli {

// What a flag name stands for, as far as the shim needs to know.
enum class FlagKind {
  kUnknown,
  kSwitch,      // a bool flag: "--json", never followed by a separate value
  kTakesValue,  // "--server=HOST:PORT" or "--server HOST:PORT"
};
using FlagLookup = std::function<FlagKind(const std::string& name)>;

struct ShimmedArgv {
  // argv[0], then the arguments left for absl::ParseCommandLine: positional
  // arguments as given, flags as --name or --name=value ('_' in names, a
  // value given as the next argument joined with '=').
  std::vector<std::string> args;
  // The values of every --where and --param, in command-line order.
  std::vector<std::string> where;
  std::vector<std::string> params;
};

// Splits argv (argv[0] included); `lookup` tells the other flags apart.
// Everything after "--" is positional and passed on untouched.
absl::StatusOr<ShimmedArgv> ShimArgv(const std::vector<std::string>& argv, const FlagLookup& lookup);

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_ARGV_SHIM_H_
