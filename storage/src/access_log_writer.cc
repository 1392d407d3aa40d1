#include "access_log_writer.h"

#include <spdlog/spdlog.h>

#include "codec.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::storage {
namespace {

const char* OutcomeName(AccessOutcome outcome) {
  switch (outcome) {
    case AccessOutcome::kOk: return "OK";
    case AccessOutcome::kDenied: return "DENIED";
    case AccessOutcome::kError: return "ERROR";
  }
  return "ERROR";
}

}  // namespace

absl::Status AppendAccess(soci::session& sql, const Accessor& a, const ClientRef& client,
                          AccessOutcome outcome) {
  return AppendAccesses(sql, a, client.org_id, {client.id}, outcome);
}

absl::Status AppendAccesses(soci::session& sql, const Accessor& a, const std::string& org_id,
                            const std::vector<std::string>& client_ids, AccessOutcome outcome) {
  if (client_ids.empty()) return absl::OkStatus();
  std::string outcome_name = OutcomeName(outcome);
  std::string clients = JoinRows(client_ids);
  try {
    sql << "INSERT INTO access_log (org_id, actor_org, actor, role, method, client_id, resource,"
           " outcome, request_id) SELECT :org, :actor_org, :actor, :role, :method,"
           " CAST(c.id AS uuid), 'organizations/' || :org2 || '/clients/' || c.id, :outcome, :rid"
           " FROM unnest(string_to_array(:clients, chr(30))) AS c(id)",
        soci::use(org_id), soci::use(a.org_id), soci::use(a.actor), soci::use(a.role),
        soci::use(a.method), soci::use(org_id), soci::use(outcome_name), soci::use(a.request_id),
        soci::use(clients);
  } catch (const std::exception&) {
    spdlog::error(R"("event":"access_log_write_failed")");
    return WithReason(
        absl::UnavailableError("the access log cannot be written, so no client data is served"),
        "ACCESS_LOG_UNAVAILABLE");
  }
  return absl::OkStatus();
}

}  // namespace rinnalla::storage
