// "I know this person" exclusions: a guide who must not be matched with a client.

#include "absl/strings/str_cat.h"
#include "access_log_writer.h"
#include "codec.h"
#include "idempotency.h"
#include "matching_rows.h"
#include "outbox.h"
#include "page_binds.h"
#include "pg_matching_repository.h"
#include "rinnalla/storage/resource_names.h"
#include "rinnalla/storage/status.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

const std::string kExclusionColumns = absl::StrCat(
    "org_id, CAST(id AS text), CAST(client_id AS text), CAST(guide_id AS text), reason,"
    " created_by, ",
    MicrosOf("create_time"));

// A second exclusion of the same pair inserts nothing and returns no row.
constexpr char kInsertExclusion[] =
    "INSERT INTO match_exclusions (org_id, id, client_id, guide_id, reason, created_by)"
    " VALUES (:org, gen_random_uuid(), CAST(:client AS uuid), CAST(:guide AS uuid), :reason, :by)"
    " ON CONFLICT DO NOTHING RETURNING CAST(id AS text)";

const std::string kSelectExclusion =
    absl::StrCat("SELECT ", kExclusionColumns,
                 " FROM match_exclusions WHERE org_id = :org AND client_id = CAST(:client AS uuid)"
                 " AND id = CAST(:id AS uuid)");

const std::string kListExclusions = absl::StrCat(
    "SELECT ", kExclusionColumns,
    " FROM match_exclusions WHERE org_id = :org AND client_id = CAST(:client AS uuid) AND ",
    KeysetBounds::Condition("create_time", "id"), " ORDER BY create_time, id LIMIT :limit");

constexpr char kDeleteExclusion[] =
    "DELETE FROM match_exclusions WHERE org_id = :org AND client_id = CAST(:client AS uuid)"
    " AND id = CAST(:id AS uuid) RETURNING 1";

MatchExclusionRecord ReadExclusion(const soci::row& row) {
  MatchExclusionRecord e;
  e.org_id = row.get<std::string>(0);
  e.id = row.get<std::string>(1);
  e.client_id = row.get<std::string>(2);
  e.guide_id = row.get<std::string>(3);
  e.reason = row.get<std::string>(4);
  e.created_by = row.get<std::string>(5);
  e.create_time = FromMicros(row.get<long long>(6));
  return e;
}

absl::StatusOr<MatchExclusionRecord> SelectExclusion(soci::session& sql, const std::string& org,
                                                     const std::string& client_id,
                                                     const std::string& id) {
  soci::rowset<soci::row> rows = (sql.prepare << kSelectExclusion, soci::use(org, "org"),
                                  soci::use(client_id, "client"), soci::use(id, "id"));
  for (const soci::row& row : rows) return ReadExclusion(row);
  return absl::NotFoundError("exclusion not found");
}

std::string ExclusionName(const std::string& org, const std::string& client_id,
                          const std::string& id) {
  return ClientChildName(org, client_id, "matchExclusions", id);
}

}  // namespace

absl::StatusOr<CreateOutcome<MatchExclusionRecord>> PgMatchingRepository::AddExclusion(
    const CallScope& scope, const MatchExclusionRecord& e, const std::optional<IdempotencyKey>& key,
    const ResponseEncoder<MatchExclusionRecord>& encode) {
  const std::string& org = scope.org_id;
  return Transact(
      db_, scope, [&](soci::session& sql) -> absl::StatusOr<CreateOutcome<MatchExclusionRecord>> {
        ASSIGN_OR_RETURN(
            auto outcome,
            CreateOnce<MatchExclusionRecord>(
                sql, org, key,
                [&]() -> absl::StatusOr<MatchExclusionRecord> {
                  if (!ClientExists(sql, org, e.client_id)) {
                    return absl::NotFoundError("client not found");
                  }
                  if (!GuideExists(sql, org, e.guide_id)) {
                    return absl::NotFoundError("guide not found");
                  }
                  std::string id;
                  soci::indicator ind = soci::i_null;
                  sql << kInsertExclusion, soci::use(org, "org"), soci::use(e.client_id, "client"),
                      soci::use(e.guide_id, "guide"), soci::use(e.reason, "reason"),
                      soci::use(scope.actor, "by"), soci::into(id, ind);
                  if (!sql.got_data() || ind != soci::i_ok) {
                    return WithReason(
                        absl::AlreadyExistsError("this guide is already excluded for this client"),
                        "EXCLUSION_EXISTS");
                  }
                  // The feed's integrations learn that this guide may not be matched with the
                  // client: the event names the exclusion only, never its reason.
                  AppendEvent(sql, org, "match_exclusion.created",
                              ExclusionName(org, e.client_id, id), {});
                  return SelectExclusion(sql, org, e.client_id, id);
                },
                encode));
        RETURN_IF_ERROR(LogClient(sql, scope, e.client_id));
        return outcome;
      });
}

absl::StatusOr<Page<MatchExclusionRecord>> PgMatchingRepository::ListExclusions(
    const CallScope& scope, const std::string& client_id, const PageRequest& page) {
  return Transact(db_, scope,
                  [&](soci::session& sql) -> absl::StatusOr<Page<MatchExclusionRecord>> {
                    RETURN_IF_ERROR(LogClient(sql, scope, client_id));
                    KeysetBounds bounds(page);
                    soci::rowset<soci::row> rows =
                        (WithPage(sql.prepare << kListExclusions, bounds),
                         soci::use(scope.org_id, "org"), soci::use(client_id, "client"));
                    return CollectPage<MatchExclusionRecord>(rows, page, ReadExclusion);
                  });
}

absl::Status PgMatchingRepository::RemoveExclusion(const CallScope& scope,
                                                   const std::string& client_id,
                                                   const std::string& id) {
  return Transact(db_, scope, [&](soci::session& sql) -> absl::Status {
    int removed = 0;
    soci::indicator ind = soci::i_null;
    sql << kDeleteExclusion, soci::use(scope.org_id, "org"), soci::use(client_id, "client"),
        soci::use(id, "id"), soci::into(removed, ind);
    if (!sql.got_data() || ind != soci::i_ok) return absl::NotFoundError("exclusion not found");
    AppendEvent(sql, scope.org_id, "match_exclusion.deleted",
                ExclusionName(scope.org_id, client_id, id), {});
    return LogClient(sql, scope, client_id);
  });
}

}  // namespace rinnalla::storage
