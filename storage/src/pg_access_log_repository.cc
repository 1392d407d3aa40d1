// PostgreSQL implementation of AccessLogRepository.

#include "absl/strings/str_cat.h"
#include "access_log_writer.h"
#include "codec.h"
#include "paging.h"
#include "rinnalla/storage/access_log.h"
#include "rinnalla/storage/status.h"
#include "transaction.h"

namespace rinnalla::storage {
namespace {

AccessLogEntry ReadEntry(const soci::row& row) {
  AccessLogEntry e;
  e.id = row.get<std::string>(0);
  e.time = FromMicros(row.get<long long>(1));
  e.actor_org = row.get<std::string>(2);
  e.actor = row.get<std::string>(3);
  e.role = row.get<std::string>(4);
  e.method = row.get<std::string>(5);
  e.resource = row.get<std::string>(6);
  e.outcome = row.get<std::string>(7);
  e.request_id = row.get<std::string>(8);
  return e;
}

// One client's entries, newest first, that an AccessLogFilter keeps, a page after the cursor.
// A function, not a constant: it is made of other files' functions.
const std::string& ListForClientSql() {
  static const std::string kList = absl::StrCat(
      "SELECT CAST(id AS text), ", MicrosOf("time"),
      ", actor_org, actor, role, method, resource, outcome, request_id"
      " FROM access_log WHERE org_id = :org AND client_id = CAST(:client AS uuid)"
      " AND (:has_from = 0 OR time >= ",
      TimeFromMicros(":from"), ") AND (:has_until = 0 OR time < ", TimeFromMicros(":until"),
      ") AND (:actor = '' OR actor = :actor) AND (:outcome = '' OR outcome = :outcome) AND ",
      KeysetBounds::Condition("time", "id", /*newest_first=*/true),
      " ORDER BY time DESC, id DESC LIMIT :limit");
  return kList;
}

struct FilterParams {
  explicit FilterParams(const AccessLogFilter& f)
      : has_from(f.from ? 1 : 0),
        from(f.from ? ToMicros(*f.from) : 0),
        has_until(f.until ? 1 : 0),
        until(f.until ? ToMicros(*f.until) : 0),
        actor(f.actor.value_or("")),
        outcome(f.outcome.value_or("")) {}
  int has_from;
  long long from;
  int has_until;
  long long until;
  std::string actor, outcome;
};

class PgAccessLogRepository final : public AccessLogRepository {
 public:
  explicit PgAccessLogRepository(Database& db) : db_(db) {}

  absl::Status Record(const CallScope& scope, const ClientRef& client,
                      AccessOutcome outcome) override {
    return Transact(db_, scope,
                    [&](soci::session& sql) { return AppendAccess(sql, scope, client, outcome); });
  }

  absl::StatusOr<Page<AccessLogEntry>> ListForClient(const CallScope& scope,
                                                     const ClientRef& client,
                                                     const AccessLogFilter& filter,
                                                     const PageRequest& page) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<Page<AccessLogEntry>> {
      RETURN_IF_ERROR(AppendAccess(sql, scope, client, AccessOutcome::kOk));
      RETURN_IF_ERROR(WritePendingAccess(sql));  // the reading is on its own page
      FilterParams f(filter);
      KeysetBounds bounds(page);
      soci::rowset<soci::row> rows =
          (sql.prepare << ListForClientSql(), soci::use(client.org_id, "org"),
           soci::use(client.id, "client"), soci::use(f.has_from, "has_from"),
           soci::use(f.from, "from"), soci::use(f.has_until, "has_until"),
           soci::use(f.until, "until"), soci::use(f.actor, "actor"),
           soci::use(f.outcome, "outcome"), soci::use(bounds.has_cursor, "has_cursor"),
           soci::use(bounds.micros, "micros"), soci::use(bounds.id, "cursor_id"),
           soci::use(bounds.limit, "limit"));
      return CollectPage<AccessLogEntry>(rows, page, ReadEntry, [](const AccessLogEntry& e) {
        return PageCursor{e.time, e.id};
      });
    });
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<AccessLogRepository> MakePgAccessLogRepository(Database& db) {
  return std::make_unique<PgAccessLogRepository>(db);
}

}  // namespace rinnalla::storage
