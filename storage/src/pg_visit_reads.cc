// Reading visits and their revisions; every read writes the access log in its transaction.

#include <set>

#include "absl/strings/str_cat.h"
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

// ListVisits. Absent filters fold away when PostgreSQL plans the query with the values bound, so
// each list uses the index that fits it (by client, by guide or by time). A function, not a
// constant: VisitQuery() is made of another file's constants.
const std::string& ListVisitsSql() {
  static const std::string kListVisits = absl::StrCat(
      VisitQuery(),
      " WHERE v.org_id = :org"
      " AND (:client = '' OR v.client_id = CAST(NULLIF(:client, '') AS uuid))"
      " AND (:guide = '' OR v.guide_id = CAST(NULLIF(:guide, '') AS uuid))"
      " AND (:mode = '' OR v.mode = :mode)"
      " AND (:has_from = 0 OR v.start_time >= ",
      TimeFromMicros(":from"), ") AND (:has_until = 0 OR v.start_time < ", TimeFromMicros(":until"),
      ")"
      // A guide: their own visits, of clients they guide now.
      " AND (:reader_guide = '' OR (v.guide_id = CAST(NULLIF(:reader_guide, '') AS uuid)"
      "  AND EXISTS (SELECT 1 FROM assignments a WHERE a.org_id = v.org_id"
      "  AND a.client_id = v.client_id AND a.guide_id = v.guide_id"
      "  AND a.state IN ('ACTIVE', 'PAUSED')))) AND ",
      KeysetBounds::Condition("v.start_time", "v.id", /*newest_first=*/true),
      " ORDER BY v.start_time DESC, v.id DESC LIMIT :limit");
  return kListVisits;
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
    soci::rowset<soci::row> rows =
        (sql.prepare << ListVisitsSql(), soci::use(reveal, "reveal"),
         soci::use(scope.org_id, "org"), soci::use(client, "client"), soci::use(guide, "guide"),
         soci::use(mode, "mode"), soci::use(has_from, "has_from"), soci::use(from, "from"),
         soci::use(has_until, "has_until"), soci::use(until, "until"),
         soci::use(scope.guide_id, "reader_guide"), soci::use(bounds.has_cursor, "has_cursor"),
         soci::use(bounds.micros, "micros"), soci::use(bounds.id, "cursor_id"),
         soci::use(bounds.limit, "limit"));
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
