#include "core/plugin/metric_registry.h"

#include <dlfcn.h>

#include "absl/strings/str_cat.h"

namespace salesmetrics {

PluginLibrary::~PluginLibrary() {
  if (handle_ != nullptr) dlclose(handle_);
}

absl::Status MetricRegistry::AddAll(const std::vector<std::shared_ptr<const RegisteredMetric>>& metrics) {
  absl::MutexLock lock(&mu_);
  for (const auto& m : metrics) {
    if (metrics_.count(m->id()) > 0) {
      return absl::AlreadyExistsError(absl::StrCat("metric id \"", m->id(), "\" is already registered by ",
                                                   metrics_.at(m->id())->info().plugin()));
    }
  }
  for (const auto& m : metrics) metrics_[m->id()] = m;
  ++generation_;
  return absl::OkStatus();
}

void MetricRegistry::ReplaceAll(const std::vector<std::shared_ptr<const RegisteredMetric>>& metrics) {
  std::map<std::string, std::shared_ptr<const RegisteredMetric>, std::less<>> replacement;
  for (const auto& m : metrics) replacement[m->id()] = m;
  absl::MutexLock lock(&mu_);
  metrics_.swap(replacement);
  ++generation_;
}

bool MetricRegistry::Contains(absl::string_view id) const { return Find(id) != nullptr; }

std::shared_ptr<const RegisteredMetric> MetricRegistry::Find(absl::string_view id) const {
  absl::MutexLock lock(&mu_);
  const auto it = metrics_.find(id);
  return it == metrics_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const RegisteredMetric>> MetricRegistry::List() const {
  absl::MutexLock lock(&mu_);
  std::vector<std::shared_ptr<const RegisteredMetric>> out;
  for (const auto& [id, metric] : metrics_) out.push_back(metric);
  return out;
}

}  // namespace salesmetrics
