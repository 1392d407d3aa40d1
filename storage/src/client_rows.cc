#include "client_rows.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "codec.h"
#include "json_rows.h"
#include "kept_statements.h"
#include "lockable_select.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::storage {
namespace {

// A client's external refs as a JSON array of [system, id] pairs in their stored order; NULL when
// it has none.
constexpr char kRefsOfClient[] =
    "(SELECT CAST(json_agg(json_build_array(r.system, r.external_id) ORDER BY r.position) AS text)"
    "   FROM client_external_refs r WHERE r.org_id = c.org_id AND r.client_id = c.id)";

// Many clients as one JSON parameter, `:clients`, read as the rows `r` (ClientRowsJson), so any
// text round-trips; each client's languages as an array literal (codec.h's ToArrayLiteral).
constexpr char kClientRows[] =
    " json_to_recordset(CAST(:clients AS json)) AS r(id uuid, name text, year int, muni text,"
    " langs text, state text, rev bigint)";

std::string ClientRowsJson(const std::vector<const ClientRecord*>& clients) {
  JsonRows rows;
  for (const ClientRecord* c : clients) {
    rows.Row()
        .Add("id", c->id)
        .Add("name", c->display_name)
        .Add("year", c->birth_year)
        .Add("muni", c->municipality.value_or(""))
        .Add("langs", ToArrayLiteral(c->languages))
        .Add("state", c->state)
        .Add("rev", c->revision);
  }
  return rows.Text();
}

// Many external refs as one JSON parameter, `:refs`, read as the rows `k` (RefRowsJson).
constexpr char kRefRows[] =
    " json_to_recordset(CAST(:refs AS json)) AS k(system text, external_id text)";

std::string RefRowsJson(const std::vector<ExternalRefRecord>& refs) {
  JsonRows rows;
  for (const ExternalRefRecord& ref : refs) {
    rows.Row().Add("system", ref.system).Add("external_id", ref.id);
  }
  return rows.Text();
}

}  // namespace

const std::string kClientColumns =
    absl::StrCat("c.org_id, CAST(c.id AS text), c.display_name, c.birth_year, c.municipality, ",
                 JsonOf("c.languages"), ", c.state, c.revision, ", MicrosOf("c.create_time"), ", ",
                 MicrosOf("c.update_time"), ", ", kRefsOfClient);

namespace {

// One client by its organization and id, named by the parameters `org` and `id`.
std::string SelectClientSql(const std::string& org, const std::string& id) {
  return absl::StrCat("SELECT ", kClientColumns, " FROM clients c WHERE c.org_id = ", org,
                      " AND c.id = CAST(", id, " AS uuid)");
}

const LockableSelect kSelectClient(SelectClientSql(":org", ":id"));

// In one order for every locker, so two batches cannot deadlock on each other.
const LockableSelect kSelectClients(absl::StrCat("SELECT ", kClientColumns,
                                                 " FROM clients c WHERE c.org_id = :org AND c.id"
                                                 " = ANY (",
                                                 UuidArrayOf(":ids"), ")"),
                                    " ORDER BY c.id FOR UPDATE");

// No municipality travels as ''.
const std::string kInsertClients = absl::StrCat(
    "INSERT INTO clients (org_id, id, display_name, birth_year, municipality, languages, state,"
    " revision)"
    " SELECT :org, r.id, r.name, r.year, NULLIF(r.muni, ''), CAST(r.langs AS text[]), r.state, "
    "r.rev FROM",
    kClientRows);

const std::string kUpdateClients = absl::StrCat(
    "UPDATE clients c SET display_name = r.name, birth_year = r.year,"
    " municipality = NULLIF(r.muni, ''), languages = CAST(r.langs AS text[]), state = r.state, "
    "revision = r.rev,"
    " update_time = clock_timestamp() FROM",
    kClientRows, " WHERE c.org_id = :org AND c.id = r.id");

// One primary-key probe per ref, whatever the planner thinks of the organization's size.
const std::string kSelectExternalRefs = absl::StrCat(
    "SELECT r.system, r.external_id, CAST(r.client_id AS text), r.position"
    " FROM (SELECT DISTINCT * FROM",
    kRefRows,
    ") k CROSS JOIN LATERAL (SELECT * FROM client_external_refs r"
    "   WHERE r.org_id = :org AND r.system = k.system AND r.external_id = k.external_id) r");

constexpr char kInsertExternalRefs[] =
    "INSERT INTO client_external_refs (org_id, system, external_id, client_id, position)"
    " SELECT :org, k.system, k.external_id, k.client_id, k.position"
    " FROM json_to_recordset(CAST(:refs AS json))"
    "  AS k(system text, external_id text, client_id uuid, position int)";

const std::string kDeleteExternalRefs = absl::StrCat(
    "DELETE FROM client_external_refs r USING", kRefRows,
    " WHERE r.org_id = :org AND r.system = k.system AND r.external_id = k.external_id");

constexpr char kDeleteRefsOfClient[] =
    "DELETE FROM client_external_refs WHERE org_id = :org AND client_id = CAST(:id AS uuid)";

constexpr char kClaimExternalRef[] =
    "INSERT INTO client_external_refs (org_id, system, external_id, client_id, position)"
    " VALUES (:org, :system, :external_id, CAST(:id AS uuid), :position)"
    " ON CONFLICT DO NOTHING RETURNING 1";

template <typename Row>
ClientRecord ClientFrom(const Row& row) {
  ClientRecord c;
  c.org_id = row.template get<std::string>(0);
  c.id = row.template get<std::string>(1);
  c.display_name = row.template get<std::string>(2);
  c.birth_year = OptionalInt(row, 3);
  c.municipality = OptionalString(row, 4);
  c.languages = FromJsonArray(row.template get<std::string>(5));
  c.state = row.template get<std::string>(6);
  c.revision = row.template get<long long>(7);
  c.create_time = FromMicros(row.template get<long long>(8));
  c.update_time = FromMicros(row.template get<long long>(9));
  if (std::optional<std::string> refs = OptionalString(row, 10)) {
    for (const nlohmann::json& ref : nlohmann::json::parse(*refs)) {
      c.external_refs.push_back({ref.at(0).get<std::string>(), ref.at(1).get<std::string>()});
    }
  }
  return c;
}

}  // namespace

ClientRecord ReadClient(const soci::row& row) { return ClientFrom(row); }

PipelinedStatement SelectClientStatement(const std::string& org_id, const std::string& id) {
  static const std::string kText = SelectClientSql("$1", "$2");
  return {kText, {org_id, id}, true};
}

absl::StatusOr<ClientRecord> ClientOf(const PipelineRows& rows) {
  if (rows.size() == 0) return absl::NotFoundError("client not found");
  return ClientFrom(PipelineRow(rows, 0));
}

absl::StatusOr<ClientRecord> SelectClient(soci::session& sql, const std::string& org_id,
                                          const std::string& id, bool for_update) {
  KeptRows rows(sql, kSelectClient(for_update), soci::use(org_id, "org"), soci::use(id, "id"));
  for (const soci::row& row : rows) return ReadClient(row);
  return absl::NotFoundError("client not found");
}

std::vector<ClientRecord> SelectClients(soci::session& sql, const std::string& org_id,
                                        const std::vector<std::string>& ids, bool for_update) {
  std::vector<ClientRecord> clients;
  if (ids.empty()) return clients;
  const std::string id_list = ToJsonArray(ids);
  soci::rowset<soci::row> rows = (sql.prepare << kSelectClients(for_update),
                                  soci::use(org_id, "org"), soci::use(id_list, "ids"));
  for (const soci::row& row : rows) clients.push_back(ReadClient(row));
  return clients;
}

void InsertClients(soci::session& sql, const std::string& org_id,
                   const std::vector<const ClientRecord*>& clients) {
  if (clients.empty()) return;
  const std::string rows = ClientRowsJson(clients);
  sql << kInsertClients, soci::use(org_id, "org"), soci::use(rows, "clients");
}

void UpdateClients(soci::session& sql, const std::string& org_id,
                   const std::vector<const ClientRecord*>& clients) {
  if (clients.empty()) return;
  const std::string rows = ClientRowsJson(clients);
  sql << kUpdateClients, soci::use(org_id, "org"), soci::use(rows, "clients");
}

std::vector<ExternalRefRow> SelectExternalRefs(soci::session& sql, const std::string& org_id,
                                               const std::vector<ExternalRefRecord>& refs) {
  std::vector<ExternalRefRow> found;
  if (refs.empty()) return found;
  const std::string ref_rows = RefRowsJson(refs);
  soci::rowset<soci::row> rows =
      (sql.prepare << kSelectExternalRefs, soci::use(org_id, "org"), soci::use(ref_rows, "refs"));
  for (const soci::row& row : rows) {
    found.push_back({{row.get<std::string>(0), row.get<std::string>(1)},
                     row.get<std::string>(2),
                     row.get<int>(3)});
  }
  return found;
}

void InsertExternalRefs(soci::session& sql, const std::string& org_id,
                        const std::vector<ExternalRefRow>& rows) {
  if (rows.empty()) return;
  JsonRows json;
  for (const ExternalRefRow& row : rows) {
    json.Row()
        .Add("system", row.ref.system)
        .Add("external_id", row.ref.id)
        .Add("client_id", row.client_id)
        .Add("position", row.position);
  }
  const std::string ref_rows = json.Text();
  sql << kInsertExternalRefs, soci::use(org_id, "org"), soci::use(ref_rows, "refs");
}

void DeleteExternalRefs(soci::session& sql, const std::string& org_id,
                        const std::vector<ExternalRefRecord>& refs) {
  if (refs.empty()) return;
  const std::string ref_rows = RefRowsJson(refs);
  sql << kDeleteExternalRefs, soci::use(org_id, "org"), soci::use(ref_rows, "refs");
}

absl::Status ReplaceExternalRefs(soci::session& sql, const ClientRecord& c) {
  sql << kDeleteRefsOfClient, soci::use(c.org_id, "org"), soci::use(c.id, "id");
  for (size_t i = 0; i < c.external_refs.size(); ++i) {
    int inserted = 0;
    int position = static_cast<int>(i);
    soci::indicator ind = soci::i_null;
    sql << kClaimExternalRef, soci::use(c.org_id, "org"),
        soci::use(c.external_refs[i].system, "system"),
        soci::use(c.external_refs[i].id, "external_id"), soci::use(c.id, "id"),
        soci::use(position, "position"), soci::into(inserted, ind);
    if (!sql.got_data() || ind != soci::i_ok) {
      return WithReason(
          absl::AlreadyExistsError(absl::StrCat(
              "external_refs[", i, "] already identifies another client in this organization")),
          "EXTERNAL_REF_IN_USE");
    }
  }
  return absl::OkStatus();
}

}  // namespace rinnalla::storage
