#include "clients/cli/argv_shim.h"

#include <algorithm>
#include <cstddef>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace salesmetrics::cli {
namespace {

// A "-name", "--name" or "--name=value" argument, name normalized.
struct FlagArg {
  std::string name;
  std::optional<std::string> value;
};

bool IsFlag(const std::string& arg) { return arg.size() > 1 && arg[0] == '-' && arg != "--"; }

FlagArg SplitFlag(const std::string& arg) {
  const std::string body = arg.substr(arg.compare(0, 2, "--") == 0 ? 2 : 1);
  const size_t equals = body.find('=');
  FlagArg flag{.name = body.substr(0, equals)};
  std::replace(flag.name.begin(), flag.name.end(), '-', '_');
  if (equals != std::string::npos) flag.value = body.substr(equals + 1);
  return flag;
}

}  // namespace

absl::StatusOr<ShimmedArgv> ShimArgv(const std::vector<std::string>& argv, const FlagLookup& lookup) {
  ShimmedArgv shimmed;
  size_t i = 0;
  if (!argv.empty()) shimmed.args.push_back(argv[i++]);
  for (; i < argv.size() && argv[i] != "--"; ++i) {
    if (!IsFlag(argv[i])) {
      shimmed.args.push_back(argv[i]);
      continue;
    }
    FlagArg flag = SplitFlag(argv[i]);
    const FlagKind kind = flag.name == "where" || flag.name == "param" ? FlagKind::kTakesValue : lookup(flag.name);
    if (kind == FlagKind::kUnknown) return absl::InvalidArgumentError(absl::StrCat("unknown flag --", flag.name));
    if (kind == FlagKind::kTakesValue && !flag.value.has_value()) {
      if (i + 1 == argv.size()) return absl::InvalidArgumentError(absl::StrCat("--", flag.name, " needs a value"));
      flag.value = argv[++i];
    }
    if (flag.name == "where") {
      shimmed.where.push_back(*flag.value);
    } else if (flag.name == "param") {
      shimmed.params.push_back(*flag.value);
    } else {
      shimmed.args.push_back(flag.value.has_value() ? absl::StrCat("--", flag.name, "=", *flag.value)
                                                    : absl::StrCat("--", flag.name));
    }
  }
  shimmed.args.insert(shimmed.args.end(), argv.begin() + static_cast<std::ptrdiff_t>(i), argv.end());
  return shimmed;
}

}  // namespace salesmetrics::cli
