#include "client_rows.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "codec.h"
#include "kept_statements.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::storage {
namespace {

// External refs travel as "system<US>id<RS>system<US>id" in their stored order.
constexpr char kRefsOfClient[] =
    "(SELECT string_agg(r.system || chr(31) || r.external_id, chr(30) ORDER BY r.position)"
    "   FROM client_external_refs r WHERE r.org_id = c.org_id AND r.client_id = c.id)";

// The columns of many clients, each joined into one parameter (codec.h's JoinRows). A single
// row's empty value arrives as an empty array, which unnest pads with NULL: the SQL below reads
// NULL and '' alike.
struct ClientColumnParams {
  explicit ClientColumnParams(const std::vector<const ClientRecord*>& clients) {
    std::vector<std::string> id, name, year, muni, langs, state, rev;
    for (const ClientRecord* c : clients) {
      id.push_back(c->id);
      name.push_back(c->display_name);
      year.push_back(c->birth_year ? absl::StrCat(*c->birth_year) : "");
      muni.push_back(c->municipality.value_or(""));
      langs.push_back(JoinArray(c->languages));
      state.push_back(c->state);
      rev.push_back(absl::StrCat(c->revision));
    }
    ids = JoinRows(id), names = JoinRows(name), years = JoinRows(year), munis = JoinRows(muni);
    languages = JoinRows(langs), states = JoinRows(state), revisions = JoinRows(rev);
  }
  std::string ids, names, years, munis, languages, states, revisions;
};

constexpr char kClientRowsFrom[] =
    " unnest(string_to_array(:ids, chr(30)), string_to_array(:names, chr(30)),"
    " string_to_array(:years, chr(30)), string_to_array(:munis, chr(30)),"
    " string_to_array(:langs, chr(30)), string_to_array(:states, chr(30)),"
    " string_to_array(:revs, chr(30))) AS r(id, name, year, muni, langs, state, rev)";

constexpr char kRefRowsFrom[] =
    " unnest(string_to_array(:systems, chr(30)), string_to_array(:eids, chr(30)))"
    " AS k(system, external_id)";

struct RefParams {
  explicit RefParams(const std::vector<ExternalRefRecord>& refs) {
    std::vector<std::string> system, id;
    for (const ExternalRefRecord& ref : refs) {
      system.push_back(ref.system);
      id.push_back(ref.id);
    }
    systems = JoinRows(system), ids = JoinRows(id);
  }
  std::string systems, ids;
};

}  // namespace

const std::string kClientColumns = absl::StrCat(
    "c.org_id, CAST(c.id AS text), c.display_name, c.birth_year, c.municipality,"
    " array_to_string(c.languages, chr(31)), c.state, c.revision, ",
    MicrosOf("c.create_time"), ", ", MicrosOf("c.update_time"), ", ", kRefsOfClient);

ClientRecord ReadClient(const soci::row& row) {
  ClientRecord c;
  c.org_id = row.get<std::string>(0);
  c.id = row.get<std::string>(1);
  c.display_name = row.get<std::string>(2);
  c.birth_year = OptionalInt(row, 3);
  c.municipality = OptionalString(row, 4);
  c.languages = SplitArray(row.get<std::string>(5));
  c.state = row.get<std::string>(6);
  c.revision = row.get<long long>(7);
  c.create_time = FromMicros(row.get<long long>(8));
  c.update_time = FromMicros(row.get<long long>(9));
  if (std::optional<std::string> refs = OptionalString(row, 10)) {
    for (absl::string_view ref : absl::StrSplit(*refs, '\x1e')) {
      std::pair<std::string, std::string> parts = absl::StrSplit(ref, absl::MaxSplits('\x1f', 1));
      c.external_refs.push_back({parts.first, parts.second});
    }
  }
  return c;
}

absl::StatusOr<ClientRecord> SelectClient(soci::session& sql, const std::string& org_id,
                                          const std::string& id, bool for_update) {
  static const std::string kSelect =
      absl::StrCat("SELECT ", kClientColumns,
                   " FROM clients c WHERE c.org_id = :org AND c.id = CAST(:id AS uuid)");
  static const std::string kSelectForUpdate = kSelect + " FOR UPDATE";
  KeptRows rows(sql, for_update ? kSelectForUpdate : kSelect, soci::use(org_id), soci::use(id));
  for (const soci::row& row : rows) return ReadClient(row);
  return absl::NotFoundError("client not found");
}

std::vector<ClientRecord> SelectClients(soci::session& sql, const std::string& org_id,
                                        const std::vector<std::string>& ids, bool for_update) {
  std::vector<ClientRecord> clients;
  if (ids.empty()) return clients;
  std::string joined = JoinRows(ids);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT " << kClientColumns
                   << " FROM clients c WHERE c.org_id = :org"
                      " AND c.id = ANY (CAST(string_to_array(:ids, chr(30)) AS uuid[]))"
                   // One order for every locker, so two batches cannot deadlock on each other.
                   << (for_update ? " ORDER BY c.id FOR UPDATE" : ""),
       soci::use(org_id), soci::use(joined));
  for (const soci::row& row : rows) clients.push_back(ReadClient(row));
  return clients;
}

void InsertClients(soci::session& sql, const std::string& org_id,
                   const std::vector<const ClientRecord*>& clients) {
  if (clients.empty()) return;
  ClientColumnParams p(clients);
  sql << "INSERT INTO clients (org_id, id, display_name, birth_year, municipality, languages,"
         " state, revision)"
         " SELECT :org, CAST(r.id AS uuid), r.name, CAST(NULLIF(r.year, '') AS integer),"
         " NULLIF(r.muni, ''), coalesce(string_to_array(r.langs, chr(31)), '{}'), r.state,"
         " CAST(r.rev AS bigint) FROM"
      << kClientRowsFrom,
      soci::use(org_id), soci::use(p.ids), soci::use(p.names), soci::use(p.years),
      soci::use(p.munis), soci::use(p.languages), soci::use(p.states), soci::use(p.revisions);
}

void UpdateClients(soci::session& sql, const std::string& org_id,
                   const std::vector<const ClientRecord*>& clients) {
  if (clients.empty()) return;
  ClientColumnParams p(clients);
  sql << "UPDATE clients c SET display_name = r.name,"
         " birth_year = CAST(NULLIF(r.year, '') AS integer), municipality = NULLIF(r.muni, ''),"
         " languages = coalesce(string_to_array(r.langs, chr(31)), '{}'), state = r.state,"
         " revision = CAST(r.rev AS bigint), update_time = clock_timestamp() FROM"
      << kClientRowsFrom << " WHERE c.org_id = :org AND c.id = CAST(r.id AS uuid)",
      soci::use(p.ids), soci::use(p.names), soci::use(p.years), soci::use(p.munis),
      soci::use(p.languages), soci::use(p.states), soci::use(p.revisions), soci::use(org_id);
}

std::vector<ExternalRefRow> SelectExternalRefs(soci::session& sql, const std::string& org_id,
                                               const std::vector<ExternalRefRecord>& refs) {
  std::vector<ExternalRefRow> found;
  if (refs.empty()) return found;
  RefParams p(refs);
  soci::rowset<soci::row> rows =
      // One primary-key probe per ref, whatever the planner thinks of the organization's size.
      (sql.prepare << "SELECT r.system, r.external_id, CAST(r.client_id AS text), r.position"
                      " FROM (SELECT DISTINCT * FROM"
                   << kRefRowsFrom
                   << ") k CROSS JOIN LATERAL (SELECT * FROM client_external_refs r"
                      "   WHERE r.org_id = :org AND r.system = k.system"
                      "   AND r.external_id = k.external_id) r",
       soci::use(p.systems), soci::use(p.ids), soci::use(org_id));
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
  std::vector<ExternalRefRecord> refs;
  std::vector<std::string> client, position;
  for (const ExternalRefRow& row : rows) {
    refs.push_back(row.ref);
    client.push_back(row.client_id);
    position.push_back(absl::StrCat(row.position));
  }
  RefParams p(refs);
  std::string clients = JoinRows(client), positions = JoinRows(position);
  sql << "INSERT INTO client_external_refs (org_id, system, external_id, client_id, position)"
         " SELECT :org, k.system, k.external_id, CAST(k.client AS uuid), CAST(k.pos AS integer)"
         " FROM unnest(string_to_array(:systems, chr(30)), string_to_array(:eids, chr(30)),"
         " string_to_array(:clients, chr(30)), string_to_array(:positions, chr(30)))"
         " AS k(system, external_id, client, pos)",
      soci::use(org_id), soci::use(p.systems), soci::use(p.ids), soci::use(clients),
      soci::use(positions);
}

void DeleteExternalRefs(soci::session& sql, const std::string& org_id,
                        const std::vector<ExternalRefRecord>& refs) {
  if (refs.empty()) return;
  RefParams p(refs);
  sql << "DELETE FROM client_external_refs r USING" << kRefRowsFrom
      << " WHERE r.org_id = :org AND r.system = k.system AND r.external_id = k.external_id",
      soci::use(p.systems), soci::use(p.ids), soci::use(org_id);
}

absl::Status ReplaceExternalRefs(soci::session& sql, const ClientRecord& c) {
  sql << "DELETE FROM client_external_refs WHERE org_id = :org AND client_id = CAST(:id AS uuid)",
      soci::use(c.org_id), soci::use(c.id);
  for (size_t i = 0; i < c.external_refs.size(); ++i) {
    int inserted = 0;
    int position = static_cast<int>(i);
    soci::indicator ind = soci::i_null;
    sql << "INSERT INTO client_external_refs (org_id, system, external_id, client_id, position)"
           " VALUES (:org, :system, :eid, CAST(:id AS uuid), :pos)"
           " ON CONFLICT DO NOTHING RETURNING 1",
        soci::use(c.org_id), soci::use(c.external_refs[i].system), soci::use(c.external_refs[i].id),
        soci::use(c.id), soci::use(position), soci::into(inserted, ind);
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
