#include "access_log_writer.h"

#include <spdlog/spdlog.h>

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
  std::string outcome_name = OutcomeName(outcome);
  std::string resource = "organizations/" + client.org_id + "/clients/" + client.id;
  try {
    sql << "INSERT INTO access_log (org_id, actor_org, actor, role, method, client_id, resource,"
           " outcome, request_id) VALUES (:org, :actor_org, :actor, :role, :method,"
           " CAST(:client AS uuid), :resource, :outcome, :rid)",
        soci::use(client.org_id), soci::use(a.org_id), soci::use(a.actor), soci::use(a.role),
        soci::use(a.method), soci::use(client.id), soci::use(resource), soci::use(outcome_name),
        soci::use(a.request_id);
  } catch (const std::exception&) {
    spdlog::error(R"("event":"access_log_write_failed")");
    return WithReason(
        absl::UnavailableError("the access log cannot be written, so no client data is served"),
        "ACCESS_LOG_UNAVAILABLE");
  }
  return absl::OkStatus();
}

}  // namespace rinnalla::storage
