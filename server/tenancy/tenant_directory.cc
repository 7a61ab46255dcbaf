#include "server/tenancy/tenant_directory.h"

#include <google/protobuf/util/message_differencer.h>

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/util/quote.h"
#include "core/util/text_proto_file.h"

namespace salesmetrics {
namespace {

constexpr size_t kMaxTenantNameBytes = 64;

bool IsTenantName(const std::string& name) {
  return !name.empty() && name.size() <= kMaxTenantNameBytes && std::all_of(name.begin(), name.end(), [](char c) {
           return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
         });
}

// Checks `tenant` and fills what it leaves unset from the server's
// settings; "" when it is fine, else the problem.
std::string Complete(const server::ServerConfig& config, server::Tenant& tenant) {
  if (!IsTenantName(tenant.name())) {
    return absl::StrCat("tenant name ", Quote(tenant.name()), " must be 1 to ", kMaxTenantNameBytes,
                        " letters, digits, '-', '_' or '.'");
  }
  if (tenant.database_url().empty()) return "needs a database_url";
  if (tenant.pool_size() == 0) tenant.set_pool_size(config.pool_size());
  if (tenant.pool_size() < 1 || tenant.pool_size() > 1000) return "pool_size must be 1 to 1000";
  if (tenant.currency_code().empty()) tenant.set_currency_code(config.currency_code());
  if (tenant.currency_code().size() != 3) return absl::StrCat("currency ", Quote(tenant.currency_code()), " is not an ISO 4217 code");
  if (tenant.fiscal_year_start_month() == 0) tenant.set_fiscal_year_start_month(1);
  if (tenant.fiscal_year_start_month() < 1 || tenant.fiscal_year_start_month() > 12) {
    return "fiscal_year_start_month must be 1 to 12";
  }
  return "";
}

}  // namespace

absl::StatusOr<server::TenantsFile> LoadTenants(const server::ServerConfig& config) {
  server::TenantsFile file;
  if (config.tenants_file().empty()) {
    server::Tenant* tenant = file.add_tenant();
    tenant->set_name("default");
    tenant->set_database_url(config.database_url());
    tenant->set_fiscal_year_start_month(config.fiscal_year_start_month());
    tenant->set_alerts_config(config.alerts_config());
    if (std::string problem = Complete(config, *tenant); !problem.empty()) return absl::InvalidArgumentError(problem);
    return file;
  }
  absl::StatusOr<std::string> text = ReadFile(config.tenants_file());
  if (!text.ok()) return text.status();
  TextProtoFile parsed;
  if (absl::Status s = parsed.Parse(*text, config.tenants_file(), &file); !s.ok()) return s;
  if (file.tenant().empty()) {
    return absl::InvalidArgumentError(parsed.Where(0, "serves no tenant; add tenant { name: ... database_url: ... }"));
  }
  if (file.tenant_size() > kMaxTenants) {
    return absl::InvalidArgumentError(parsed.Where(0, absl::StrCat("has more than ", kMaxTenants, " tenants")));
  }
  absl::flat_hash_set<std::string> names;
  for (int i = 0; i < file.tenant_size(); ++i) {
    server::Tenant& tenant = *file.mutable_tenant(i);
    std::string problem = Complete(config, tenant);
    if (problem.empty() && !names.insert(tenant.name()).second) problem = "is named twice";
    if (!problem.empty()) {
      return absl::InvalidArgumentError(
          parsed.Where(parsed.LineOf(file, "tenant", i), absl::StrCat("tenant ", Quote(tenant.name()), ": ", problem)));
    }
  }
  return file;
}

absl::Status TenantDirectory::Apply(const server::TenantsFile& file) {
  absl::MutexLock apply_lock(&apply_mu_);
  absl::flat_hash_map<std::string, std::shared_ptr<Tenant>> next;
  for (const server::Tenant& settings : file.tenant()) {
    std::shared_ptr<Tenant> current = Find(settings.name());
    if (current != nullptr && google::protobuf::util::MessageDifferencer::Equals(current->settings(), settings)) {
      next[settings.name()] = std::move(current);
      continue;
    }
    absl::StatusOr<std::shared_ptr<Tenant>> started = start_(settings);
    if (!started.ok()) return started.status();
    next[settings.name()] = *std::move(started);
  }
  absl::flat_hash_map<std::string, std::shared_ptr<Tenant>> previous;
  {
    absl::MutexLock lock(&mu_);
    previous.swap(tenants_);
    tenants_ = std::move(next);
  }
  // A replaced tenant's streams end now, so that none goes on serving what
  // the reload took away; the tenant itself ends with its last request.
  for (const auto& [name, tenant] : previous) {
    if (Find(name) != tenant) tenant->Retire();
  }
  return absl::OkStatus();
}

std::shared_ptr<Tenant> TenantDirectory::Find(const std::string& name) const {
  absl::MutexLock lock(&mu_);
  const auto it = tenants_.find(name);
  return it == tenants_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<Tenant>> TenantDirectory::All() const {
  absl::MutexLock lock(&mu_);
  std::vector<std::shared_ptr<Tenant>> all;
  for (const auto& [name, tenant] : tenants_) all.push_back(tenant);
  return all;
}

}  // namespace salesmetrics
