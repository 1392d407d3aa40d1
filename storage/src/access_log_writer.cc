#include "access_log_writer.h"

#include <spdlog/spdlog.h>

#include "codec.h"
#include "kept_statements.h"
#include "rinnalla/metrics/metrics.h"
#include "rinnalla/storage/resource_names.h"
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

constexpr char kInsert[] =
    "INSERT INTO access_log (org_id, actor_org, actor, role, method, client_id, resource,"
    " outcome, request_id) ";

// Runs `insert`; a failure is UNAVAILABLE and the caller's transaction must roll back.
template <typename Insert>
absl::Status Append(Insert&& insert) {
  try {
    insert();
  } catch (const std::exception&) {
    spdlog::error(R"("event":"access_log_write_failed")");
    metrics::AccessLogWriteFailures().Increment();
    return WithReason(
        absl::UnavailableError("the access log cannot be written, so no client data is served"),
        "ACCESS_LOG_UNAVAILABLE");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status AppendAccess(soci::session& sql, const Accessor& a, const ClientRef& client,
                          AccessOutcome outcome) {
  std::string outcome_name = OutcomeName(outcome);
  std::string resource = ResourceName(client.org_id, "clients", client.id);
  static const std::string kInsertOne =
      std::string(kInsert) +
      "VALUES (:org, :actor_org, :actor, :role, :method, CAST(:client AS uuid), :resource,"
      " :outcome, :rid)";
  return Append([&] {
    RunKept(sql, kInsertOne, soci::use(client.org_id), soci::use(a.org_id), soci::use(a.actor),
            soci::use(a.role), soci::use(a.method), soci::use(client.id), soci::use(resource),
            soci::use(outcome_name), soci::use(a.request_id));
  });
}

absl::Status AppendAccessForEach(soci::session& sql, const Accessor& a, const std::string& org_id,
                                 const std::vector<std::string>& client_ids) {
  if (client_ids.empty()) return absl::OkStatus();
  std::string ids = JoinArray(client_ids);
  return Append([&] {
    sql << kInsert
        << "SELECT $1, $2, $3, $4, $5, c, 'organizations/' || $1 || '/clients/' || c, 'OK', $6"
           " FROM unnest(CAST(string_to_array($7, chr(31)) AS uuid[])) AS c",
        soci::use(org_id), soci::use(a.org_id), soci::use(a.actor), soci::use(a.role),
        soci::use(a.method), soci::use(a.request_id), soci::use(ids);
  });
}

}  // namespace rinnalla::storage
