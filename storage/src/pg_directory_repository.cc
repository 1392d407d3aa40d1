// PostgreSQL implementation of DirectoryRepository: guides and clients.

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "access_log_writer.h"
#include "client_name_match.h"
#include "client_rows.h"
#include "codec.h"
#include "idempotency.h"
#include "lockable_select.h"
#include "outbox.h"
#include "paging.h"
#include "refusals.h"
#include "rinnalla/storage/directory_repository.h"
#include "rinnalla/storage/status.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

const std::string kGuideColumns = absl::StrCat(
    "org_id, CAST(id AS text), display_name, ", JsonOf("experience_areas"), ", ",
    JsonOf("languages"), ", ", JsonOf("municipalities"), ", max_active_clients, state, revision, ",
    MicrosOf("create_time"), ", ", MicrosOf("update_time"), ", active_client_count");

const LockableSelect kSelectGuide(absl::StrCat(
    "SELECT ", kGuideColumns, " FROM guides WHERE org_id = :org AND id = CAST(:id AS uuid)"));

const std::string kInsertGuide = absl::StrCat(
    "INSERT INTO guides (org_id, id, display_name, experience_areas, languages, municipalities,"
    " max_active_clients, state) VALUES (:org, CAST(:id AS uuid), :name, ",
    TextArrayOf(":areas"), ", ", TextArrayOf(":languages"), ", ", TextArrayOf(":municipalities"),
    ", :max, :state)");

const std::string kListGuides = absl::StrCat(
    "SELECT ", kGuideColumns,
    " FROM guides WHERE org_id = :org"
    " AND (:state = '' OR state = :state)"
    " AND (:area = '' OR :area = ANY (experience_areas))"
    " AND (:language = '' OR :language = ANY (languages))"
    " AND (:municipality = '' OR :municipality = ANY (municipalities))"
    " AND ",
    KeysetBounds::Condition("create_time", "id"), " ORDER BY create_time, id LIMIT :limit");

const std::string kUpdateGuide = absl::StrCat(
    "UPDATE guides SET display_name = :name, experience_areas = ", TextArrayOf(":areas"),
    ", languages = ", TextArrayOf(":languages"),
    ", municipalities = ", TextArrayOf(":municipalities"),
    ", max_active_clients = :max, state = :state, revision = revision + 1,"
    " update_time = clock_timestamp() WHERE org_id = :org AND id = CAST(:id AS uuid)");

// A function, not a constant: kClientColumns is another file's constant, made at start-up.
const std::string& ListClientsSql() {
  static const std::string kListClients = absl::StrCat(
      "SELECT ", kClientColumns,
      " FROM clients c WHERE c.org_id = :org"
      " AND (:state = '' OR c.state = :state)"
      " AND (:municipality = '' OR c.municipality = :municipality)"
      " AND (:language = '' OR :language = ANY (c.languages))"
      " AND (:ref_system = '' OR EXISTS (SELECT 1 FROM client_external_refs r"
      "   WHERE r.org_id = c.org_id AND r.client_id = c.id"
      "   AND r.system = :ref_system AND r.external_id = :ref_id))"
      " AND ",
      ClientNameMatch::kCondition, " AND ", KeysetBounds::Condition("c.create_time", "c.id"),
      " ORDER BY c.create_time, c.id LIMIT :limit");
  return kListClients;
}

// A guide's arrays as the JSON parameters the statements above read.
struct GuideArrays {
  explicit GuideArrays(const GuideRecord& g)
      : areas(ToJsonArray(g.experience_areas)),
        languages(ToJsonArray(g.languages)),
        municipalities(ToJsonArray(g.municipalities)) {}
  std::string areas, languages, municipalities;
};

GuideRecord ReadGuide(const soci::row& row) {
  GuideRecord g;
  g.org_id = row.get<std::string>(0);
  g.id = row.get<std::string>(1);
  g.display_name = row.get<std::string>(2);
  g.experience_areas = FromJsonArray(row.get<std::string>(3));
  g.languages = FromJsonArray(row.get<std::string>(4));
  g.municipalities = FromJsonArray(row.get<std::string>(5));
  g.max_active_clients = row.get<int>(6);
  g.state = row.get<std::string>(7);
  g.revision = row.get<long long>(8);
  g.create_time = FromMicros(row.get<long long>(9));
  g.update_time = FromMicros(row.get<long long>(10));
  g.active_client_count = row.get<int>(11);
  return g;
}

absl::StatusOr<GuideRecord> SelectGuide(soci::session& sql, const std::string& org_id,
                                        const std::string& id, bool for_update) {
  soci::rowset<soci::row> rows =
      (sql.prepare << kSelectGuide(for_update), soci::use(org_id, "org"), soci::use(id, "id"));
  for (const soci::row& row : rows) return ReadGuide(row);
  return absl::NotFoundError("guide not found");
}

std::string GuideName(const GuideRecord& g) { return ResourceName(g.org_id, "guides", g.id); }
std::string ClientName(const ClientRecord& c) { return ResourceName(c.org_id, "clients", c.id); }

class PgDirectoryRepository final : public DirectoryRepository {
 public:
  explicit PgDirectoryRepository(Database& db) : db_(db) {}

  absl::StatusOr<CreateOutcome<GuideRecord>> CreateGuide(
      const CallScope& scope, const GuideRecord& guide, const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<GuideRecord>& encode) override {
    return Transact(db_, scope, [&](soci::session& sql) {
      return CreateOnce<GuideRecord>(
          sql, guide.org_id, key,
          [&]() -> absl::StatusOr<GuideRecord> {
            const GuideArrays arrays(guide);
            sql << kInsertGuide, soci::use(guide.org_id, "org"), soci::use(guide.id, "id"),
                soci::use(guide.display_name, "name"), soci::use(arrays.areas, "areas"),
                soci::use(arrays.languages, "languages"),
                soci::use(arrays.municipalities, "municipalities"),
                soci::use(guide.max_active_clients, "max"), soci::use(guide.state, "state");
            AppendEvent(sql, guide.org_id, "guide.created", GuideName(guide), {});
            return SelectGuide(sql, guide.org_id, guide.id, false);
          },
          encode);
    });
  }

  absl::StatusOr<GuideRecord> GetGuide(const CallScope& scope, const std::string& org_id,
                                       const std::string& id) override {
    return Transact(db_, scope,
                    [&](soci::session& sql) { return SelectGuide(sql, org_id, id, false); });
  }

  absl::StatusOr<Page<GuideRecord>> ListGuides(const CallScope& scope, const std::string& org_id,
                                               const GuideFilter& f,
                                               const PageRequest& page) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<Page<GuideRecord>> {
      std::string state = f.state.value_or(""), area = f.experience_area.value_or("");
      std::string language = f.language.value_or(""), municipality = f.municipality.value_or("");
      KeysetBounds bounds(page);
      soci::rowset<soci::row> rows =
          (sql.prepare << kListGuides, soci::use(org_id, "org"), soci::use(state, "state"),
           soci::use(area, "area"), soci::use(language, "language"),
           soci::use(municipality, "municipality"), soci::use(bounds.has_cursor, "has_cursor"),
           soci::use(bounds.micros, "micros"), soci::use(bounds.id, "cursor_id"),
           soci::use(bounds.limit, "limit"));
      return CollectPage<GuideRecord>(rows, page, ReadGuide);
    });
  }

  absl::StatusOr<GuideRecord> UpdateGuide(const CallScope& scope, const std::string& org_id,
                                          const std::string& id,
                                          std::optional<int64_t> expected_revision,
                                          const Change<GuideRecord>& change) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<GuideRecord> {
      ASSIGN_OR_RETURN(GuideRecord stored, SelectGuide(sql, org_id, id, true));
      RETURN_IF_ERROR(CheckRevision(stored.revision, expected_revision));
      GuideRecord g = stored;
      RETURN_IF_ERROR(change(g));
      if (g.SameContent(stored)) return stored;
      const GuideArrays arrays(g);
      sql << kUpdateGuide, soci::use(g.display_name, "name"), soci::use(arrays.areas, "areas"),
          soci::use(arrays.languages, "languages"),
          soci::use(arrays.municipalities, "municipalities"),
          soci::use(g.max_active_clients, "max"), soci::use(g.state, "state"),
          soci::use(org_id, "org"), soci::use(id, "id");
      AppendEvent(sql, org_id, "guide.updated", GuideName(g), g.ChangedFields(stored));
      return SelectGuide(sql, org_id, id, false);
    });
  }

  absl::StatusOr<CreateOutcome<ClientRecord>> CreateClient(
      const CallScope& scope, const ClientRecord& client, const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<ClientRecord>& encode) override {
    return Transact(
        db_, scope, [&](soci::session& sql) -> absl::StatusOr<CreateOutcome<ClientRecord>> {
          ASSIGN_OR_RETURN(auto outcome, CreateOnce<ClientRecord>(
                                             sql, scope.org_id, key,
                                             [&]() -> absl::StatusOr<ClientRecord> {
                                               ClientRecord first = client;
                                               first.revision = 1;
                                               InsertClients(sql, client.org_id, {&first});
                                               RETURN_IF_ERROR(ReplaceExternalRefs(sql, client));
                                               AppendEvent(sql, client.org_id, "client.created",
                                                           ClientName(client), {});
                                               return SelectClient(sql, client.org_id, client.id,
                                                                   false);
                                             },
                                             encode));
          const std::string& id = outcome.created ? outcome.created->id : outcome.replayed_id;
          RETURN_IF_ERROR(LogClient(sql, scope, id));
          return outcome;
        });
  }

  absl::StatusOr<ClientRecord> GetClient(const CallScope& scope, const std::string& id) override {
    ASSIGN_OR_RETURN(PipelineRows rows, ReadWithAccess(db_, scope,
                                                       SelectClientStatement(scope.org_id, id),
                                                       ClientRef{scope.org_id, id}));
    return ClientOf(rows);
  }

  absl::StatusOr<Page<ClientRecord>> ListClients(const CallScope& scope, const ClientFilter& f,
                                                 const PageRequest& page) override {
    const std::string& org_id = scope.org_id;
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<Page<ClientRecord>> {
      std::string state = f.state.value_or(""), municipality = f.municipality.value_or("");
      std::string language = f.language.value_or("");
      std::string ref_system = f.external_ref ? f.external_ref->system : "";
      std::string ref_id = f.external_ref ? f.external_ref->id : "";
      ClientNameMatch name(f.name_words);
      KeysetBounds bounds(page);
      soci::rowset<soci::row> rows =
          (sql.prepare << ListClientsSql(), soci::use(org_id, "org"), soci::use(state, "state"),
           soci::use(municipality, "municipality"), soci::use(language, "language"),
           soci::use(ref_system, "ref_system"), soci::use(ref_id, "ref_id"),
           soci::use(name.has_words, "has_words"), soci::use(name.longest, "longest"),
           soci::use(name.patterns, "patterns"), soci::use(bounds.has_cursor, "has_cursor"),
           soci::use(bounds.micros, "micros"), soci::use(bounds.id, "cursor_id"),
           soci::use(bounds.limit, "limit"));
      Page<ClientRecord> result = CollectPage<ClientRecord>(rows, page, ReadClient);
      // Every client returned is an access of its own.
      for (const ClientRecord& client : result.items) {
        RETURN_IF_ERROR(LogClient(sql, scope, client.id));
      }
      return result;
    });
  }

  absl::StatusOr<ClientRecord> UpdateClient(const CallScope& scope, const std::string& id,
                                            std::optional<int64_t> expected_revision,
                                            const Change<ClientRecord>& change) override {
    const std::string& org_id = scope.org_id;
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<ClientRecord> {
      ASSIGN_OR_RETURN(ClientRecord stored, SelectClient(sql, org_id, id, true));
      RETURN_IF_ERROR(CheckRevision(stored.revision, expected_revision));
      ClientRecord c = stored;
      RETURN_IF_ERROR(change(c));
      RETURN_IF_ERROR(LogClient(sql, scope, id));
      if (c.SameContent(stored)) return stored;
      c.revision = stored.revision + 1;
      UpdateClients(sql, org_id, {&c});
      if (c.external_refs != stored.external_refs) RETURN_IF_ERROR(ReplaceExternalRefs(sql, c));
      AppendEvent(sql, org_id, "client.updated", ClientName(c), c.ChangedFields(stored));
      return SelectClient(sql, org_id, id, false);
    });
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<DirectoryRepository> MakePgDirectoryRepository(Database& db) {
  return std::make_unique<PgDirectoryRepository>(db);
}

}  // namespace rinnalla::storage
