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
                                                     const PageRequest& page) override {
    return Transact(db_, scope, [&](soci::session& sql) -> absl::StatusOr<Page<AccessLogEntry>> {
      RETURN_IF_ERROR(AppendAccess(sql, scope, client, AccessOutcome::kOk));
      KeysetBounds bounds(page);
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT CAST(id AS text), " << MicrosOf("time")
                       << ", actor_org, actor, role, method, resource, outcome, request_id"
                          " FROM access_log"
                          " WHERE org_id = :org AND client_id = CAST(:client AS uuid) AND "
                       << KeysetBounds::Condition("time", "id", /*newest_first=*/true)
                       << " ORDER BY time DESC, id DESC LIMIT :limit",
           soci::use(client.org_id), soci::use(client.id), soci::use(bounds.has_cursor),
           soci::use(bounds.micros), soci::use(bounds.id), soci::use(bounds.limit));
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
