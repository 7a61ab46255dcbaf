// Opening metric plugins (shared libraries): the metrics of one file, for
// the catalog (core/catalog) to register.
//
// A plugin is refused, with the reason, when it cannot be opened, lacks the
// entry point, was built for another ABI version, fails or throws in init,
// registers nothing, or registers an invalid metric or an id already taken.
// A refused plugin yields no metric: all of them or none.
#ifndef SALESMETRICS_CORE_PLUGIN_PLUGIN_LOADER_H_
#define SALESMETRICS_CORE_PLUGIN_PLUGIN_LOADER_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/plugin/metric_registry.h"
#include "salesmetrics/plugin_abi.h"
#include "salesmetrics/sdk.h"

namespace salesmetrics {

// Opens one plugin file and runs its init; returns its metrics without
// registering them. `taken` says which metric ids are already in use. It
// loads a private copy of the file: the dynamic loader would return the
// library already loaded from a path, even when the file has changed.
absl::StatusOr<std::vector<std::shared_ptr<const RegisteredMetric>>> OpenPlugin(
    const std::string& path, const sm_host_api* host, const std::function<bool(const std::string&)>& taken);

// The same for a file that is already this process's own and loaded only
// once, such as an isolated plugin's worker's /proc/self/fd/N; `source`
// names the plugin.
absl::StatusOr<std::vector<std::shared_ptr<const RegisteredMetric>>> OpenPrivatePlugin(
    const std::string& file, const std::string& source, const sm_host_api* host,
    const std::function<bool(const std::string&)>& taken);

// Registers metrics compiled into the server (declarative SQL metrics)
// through the same checks as a plugin's; `source` names where they come from.
absl::StatusOr<std::vector<std::shared_ptr<const RegisteredMetric>>> RegisterInProcess(
    const std::string& source, const sm_host_api* host, const std::function<void(sdk::Registry&)>& add,
    const std::function<bool(const std::string&)>& taken);

// Host functions for registration; the host API table points at them.
int32_t HostRegisterMetric(sm_registrar* registrar, const sm_metric_def* def);
void HostRefuse(sm_registrar* registrar, const char* reason);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_PLUGIN_PLUGIN_LOADER_H_
