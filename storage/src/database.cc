#include "rinnalla/storage/database.h"

#include "connection_watchdog.h"
#include "pool.h"
#include "rinnalla/metrics/metrics.h"
#include "rinnalla/storage/status.h"
#include "transaction.h"

namespace rinnalla::storage {

Database::Database() : watchdog_(std::make_unique<ConnectionWatchdog>()) {}
Database::~Database() = default;

absl::StatusOr<std::unique_ptr<Database>> Database::Connect(const DatabaseOptions& options) {
  std::unique_ptr<Database> db(new Database());
  ASSIGN_OR_RETURN(db->pool_, Pool::Open(options, *db->watchdog_));
  // The calls' pool is the one operators size; the health check's own connection is not counted.
  metrics::Pool().connections.Set(options.pool_size);
  DatabaseOptions health = options;
  health.pool_size = 1;
  ASSIGN_OR_RETURN(db->health_pool_, Pool::Open(health, *db->watchdog_));
  return db;
}

absl::Status Database::Ping(absl::Duration timeout) {
  return RunTransactionIn(*health_pool_, CallScope::Background(absl::Now() + timeout),
                          Isolation::kReadCommitted, [](soci::session& sql) {
                            int one = 0;
                            sql << "SELECT 1", soci::into(one);
                            return absl::OkStatus();
                          });
}

int Database::pool_size() const { return pool_->size(); }

absl::StatusOr<int> Database::PruneRequestIds(const CallScope& scope, absl::Duration age) {
  return Transact(*this, scope, [&](soci::session& sql) -> absl::StatusOr<int> {
    long long seconds = absl::ToInt64Seconds(age);
    soci::statement st = (sql.prepare << "DELETE FROM idempotency_keys"
                                         " WHERE create_time < now() - :s * interval '1 second'",
                          soci::use(seconds, "s"));
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
  });
}

}  // namespace rinnalla::storage
