// Reading visits and their revisions; every read writes the access log in its transaction.

#include <set>

#include "access_log_writer.h"
#include "codec.h"
#include "guide_hold.h"
#include "paging.h"
#include "pg_visits_repository.h"
#include "rinnalla/storage/status.h"
#include "transaction.h"
#include "visit_sql.h"

namespace rinnalla::storage {
namespace {

// The visit as the caller may see it, the guide held to the client first: for a guide only
// their own (one of another guide, or a missing one, is refused alike).
absl::StatusOr<VisitRecord> ReadableVisit(soci::session& sql, const CallScope& scope,
                                          const std::string& client_id, const std::string& id) {
  RETURN_IF_ERROR(HoldGuideToClient(sql, scope, client_id));
  ASSIGN_OR_RETURN(VisitRecord visit,
                   Unhidden(scope, SelectVisit(sql, scope.org_id, client_id, id, scope.is_guide)));
  if (scope.is_guide && visit.guide_id != scope.guide_id) return PermissionDenied();
  return visit;
}

}  // namespace

absl::StatusOr<VisitRecord> PgVisitsRepository::GetVisit(const CallScope& scope,
                                                         const std::string& client_id,
                                                         const std::string& id) {
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<VisitRecord> {
    ASSIGN_OR_RETURN(VisitRecord visit, ReadableVisit(sql, scope, client_id, id));
    RETURN_IF_ERROR(LogClient(sql, scope, client_id));
    return visit;
  });
}

absl::StatusOr<std::vector<VisitRevisionRecord>> PgVisitsRepository::ListVisitRevisions(
    const CallScope& scope, const std::string& client_id, const std::string& id) {
  return Transact(db_, scope,
                  [&](soci::session& sql) -> absl::StatusOr<std::vector<VisitRevisionRecord>> {
                    RETURN_IF_ERROR(ReadableVisit(sql, scope, client_id, id).status());
                    RETURN_IF_ERROR(LogClient(sql, scope, client_id));
                    return SelectRevisions(sql, scope.org_id, id, scope.is_guide);
                  });
}

absl::StatusOr<Page<VisitRecord>> PgVisitsRepository::ListVisits(const CallScope& scope,
                                                                 const VisitFilter& f,
                                                                 const PageRequest& page) {
  return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<Page<VisitRecord>> {
    if (f.client_id) {
      RETURN_IF_ERROR(HoldGuideToClient(sql, scope, *f.client_id));
    } else {
      RETURN_IF_ERROR(CheckGuideNamed(scope));
    }
    int reveal = scope.is_guide ? 1 : 0;
    std::string client = f.client_id.value_or(""), guide = f.guide_id.value_or("");
    std::string mode = f.mode.value_or("");
    int has_from = f.from ? 1 : 0, has_until = f.until ? 1 : 0;
    long long from = f.from ? ToMicros(*f.from) : 0, until = f.until ? ToMicros(*f.until) : 0;
    KeysetBounds bounds(page);
    // Absent filters fold away when PostgreSQL plans the query with the values bound, so each
    // list uses the index that fits it (by client, by guide or by time).
    soci::rowset<soci::row> rows =
        (sql.prepare << VisitQuery()
                     << " WHERE v.org_id = :org"
                        " AND (:c1 = '' OR v.client_id = CAST(NULLIF(:c2, '') AS uuid))"
                        " AND (:g1 = '' OR v.guide_id = CAST(NULLIF(:g2, '') AS uuid))"
                        " AND (:m1 = '' OR v.mode = :m2)"
                        " AND (:f1 = 0 OR v.start_time >= "
                     << TimeFromMicros(":f2") << ") AND (:u1 = 0 OR v.start_time < "
                     << TimeFromMicros(":u2")
                     << ")"
                        // A guide: their own visits, of clients they guide now.
                        " AND (:r1 = '' OR (v.guide_id = CAST(NULLIF(:r2, '') AS uuid)"
                        "  AND EXISTS (SELECT 1 FROM assignments a WHERE a.org_id = v.org_id"
                        "  AND a.client_id = v.client_id AND a.guide_id = v.guide_id"
                        "  AND a.state IN ('ACTIVE', 'PAUSED')))) AND "
                     << KeysetBounds::Condition("v.start_time", "v.id", /*newest_first=*/true)
                     << " ORDER BY v.start_time DESC, v.id DESC LIMIT :limit",
         soci::use(reveal), soci::use(scope.org_id), soci::use(client), soci::use(client),
         soci::use(guide), soci::use(guide), soci::use(mode), soci::use(mode), soci::use(has_from),
         soci::use(from), soci::use(has_until), soci::use(until), soci::use(scope.guide_id),
         soci::use(scope.guide_id), soci::use(bounds.has_cursor), soci::use(bounds.micros),
         soci::use(bounds.id), soci::use(bounds.limit));
    Page<VisitRecord> result =
        CollectPage<VisitRecord>(rows, page, ReadVisit, [](const VisitRecord& v) {
          return PageCursor{v.content.start_time, v.id};
        });
    AttachCorrectionNotes(sql, scope.org_id, result.items);
    std::set<std::string> clients;
    for (const VisitRecord& v : result.items) clients.insert(v.client_id);
    // A client's list is an access to that client even when it is empty.
    if (f.client_id) clients.insert(*f.client_id);
    RETURN_IF_ERROR(
        AppendAccessForEach(sql, scope, scope.org_id, {clients.begin(), clients.end()}));
    return result;
  });
}

std::unique_ptr<VisitsRepository> MakePgVisitsRepository(Database& db) {
  return std::make_unique<PgVisitsRepository>(db);
}

}  // namespace rinnalla::storage
