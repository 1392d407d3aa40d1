#include "access_log_writer.h"

#include <spdlog/spdlog.h>

#include "codec.h"
#include "connection_state.h"
#include "json_rows.h"
#include "kept_statements.h"
#include "rinnalla/metrics/metrics.h"
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

// The rows of `rows`, a JSON array; `parameter` names it (`:rows` for SOCI, `$1` for libpq).
std::string InsertRows(const std::string& parameter) {
  return "INSERT INTO access_log (org_id, actor_org, actor, role, method, client_id, resource,"
         " outcome, request_id)"
         " SELECT r.org, r.actor_org, r.actor, r.role, r.method, r.client,"
         " 'organizations/' || r.org || '/clients/' || r.client, r.outcome, r.request_id"
         " FROM json_to_recordset(CAST(" + parameter + " AS json)) AS r(org text,"
         "  actor_org text, actor text, role text, method text, client uuid, outcome text,"
         "  request_id text)";
}

std::string RowsJson(const std::vector<PendingAccess>& rows) {
  JsonRows json;
  for (const PendingAccess& row : rows) {
    json.Row()
        .Add("org", row.org_id)
        .Add("actor_org", row.actor_org)
        .Add("actor", row.actor)
        .Add("role", row.role)
        .Add("method", row.method)
        .Add("client", row.client_id)
        .Add("outcome", row.outcome)
        .Add("request_id", row.request_id);
  }
  return json.Text();
}

// Writes `rows` now.
absl::Status Insert(soci::session& sql, const std::vector<PendingAccess>& rows) {
  if (rows.empty()) return absl::OkStatus();
  static const std::string kInsertRows = InsertRows(":rows");
  const std::string param = RowsJson(rows);
  try {
    RunKept(sql, kInsertRows, soci::use(param, "rows"));
  } catch (const std::exception&) {
    return AccessLogUnavailable();
  }
  return absl::OkStatus();
}

// Keeps `rows` for the COMMIT on a pooled connection, or writes them now on another.
absl::Status Append(soci::session& sql, std::vector<PendingAccess> rows) {
  ConnectionState* state = ConnectionStateOf(sql);
  if (state == nullptr) return Insert(sql, rows);
  for (PendingAccess& row : rows) state->pending_access.push_back(std::move(row));
  return absl::OkStatus();
}

PendingAccess RowOf(const Accessor& a, const ClientRef& client, AccessOutcome outcome) {
  return {client.org_id, a.org_id, a.actor, a.role, a.method, client.id, OutcomeName(outcome),
          a.request_id};
}

}  // namespace

absl::Status AccessLogUnavailable() {
  spdlog::error(R"("event":"access_log_write_failed")");
  metrics::AccessLogWriteFailures().Increment();
  return WithReason(
      absl::UnavailableError("the access log cannot be written, so no client data is served"),
      "ACCESS_LOG_UNAVAILABLE");
}

absl::Status AppendAccess(soci::session& sql, const Accessor& a, const ClientRef& client,
                          AccessOutcome outcome) {
  return Append(sql, {RowOf(a, client, outcome)});
}

absl::Status AppendAccessForEach(soci::session& sql, const Accessor& a, const std::string& org_id,
                                 const std::vector<std::string>& client_ids) {
  std::vector<PendingAccess> rows;
  for (const std::string& id : client_ids) {
    rows.push_back(RowOf(a, {org_id, id}, AccessOutcome::kOk));
  }
  return Append(sql, std::move(rows));
}

absl::Status AppendAccesses(soci::session& sql, const std::vector<AccessRow>& rows) {
  std::vector<PendingAccess> pending;
  for (const AccessRow& row : rows) {
    pending.push_back(RowOf(*row.accessor, row.client, AccessOutcome::kOk));
  }
  return Append(sql, std::move(pending));
}

absl::Status WritePendingAccess(soci::session& sql) {
  ConnectionState* state = ConnectionStateOf(sql);
  if (state == nullptr) return absl::OkStatus();
  std::vector<PendingAccess> rows = std::move(state->pending_access);
  state->pending_access.clear();
  return Insert(sql, rows);
}

std::optional<PipelinedStatement> TakePendingAccess(soci::session& sql) {
  ConnectionState* state = ConnectionStateOf(sql);
  if (state == nullptr || state->pending_access.empty()) return std::nullopt;
  static const std::string kInsertRows = InsertRows("$1");
  PipelinedStatement insert{kInsertRows, {RowsJson(state->pending_access)}, true};
  state->pending_access.clear();
  return insert;
}

PipelinedStatement AccessToExistingClient(const Accessor& accessor, const ClientRef& client) {
  static const std::string kInsertIfExists = InsertRows("$1") +
                                             " WHERE EXISTS (SELECT FROM clients c"
                                             " WHERE c.org_id = r.org AND c.id = r.client)";
  return {kInsertIfExists, {RowsJson({RowOf(accessor, client, AccessOutcome::kOk)})}, true};
}

void DiscardPendingAccess(soci::session& sql) {
  if (ConnectionState* state = ConnectionStateOf(sql); state != nullptr) {
    state->pending_access.clear();
  }
}

}  // namespace rinnalla::storage
