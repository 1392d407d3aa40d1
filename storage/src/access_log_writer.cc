#include "access_log_writer.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

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
    RunKept(sql, kInsertOne, soci::use(client.org_id, "org"), soci::use(a.org_id, "actor_org"),
            soci::use(a.actor, "actor"), soci::use(a.role, "role"), soci::use(a.method, "method"),
            soci::use(client.id, "client"), soci::use(resource, "resource"),
            soci::use(outcome_name, "outcome"), soci::use(a.request_id, "rid"));
  });
}

absl::Status AppendAccessForEach(soci::session& sql, const Accessor& a, const std::string& org_id,
                                 const std::vector<std::string>& client_ids) {
  std::vector<AccessRow> rows;
  for (const std::string& id : client_ids) rows.push_back({&a, {org_id, id}});
  return AppendAccesses(sql, rows);
}

absl::Status AppendAccesses(soci::session& sql, const std::vector<AccessRow>& rows) {
  if (rows.empty()) return absl::OkStatus();
  nlohmann::json json = nlohmann::json::array();
  for (const AccessRow& row : rows) {
    const Accessor& a = *row.accessor;
    json.push_back({{"org", row.client.org_id},
                    {"actor_org", a.org_id},
                    {"actor", a.actor},
                    {"role", a.role},
                    {"method", a.method},
                    {"client", row.client.id},
                    {"request_id", a.request_id}});
  }
  static const std::string kInsertMany =
      std::string(kInsert) +
      "SELECT r.org, r.actor_org, r.actor, r.role, r.method, r.client,"
      " 'organizations/' || r.org || '/clients/' || r.client, 'OK', r.request_id"
      " FROM json_to_recordset(CAST(:rows AS json)) AS r(org text, actor_org text, actor text,"
      "  role text, method text, client uuid, request_id text)";
  const std::string param = json.dump();
  return Append([&] { RunKept(sql, kInsertMany, soci::use(param, "rows")); });
}

}  // namespace rinnalla::storage
