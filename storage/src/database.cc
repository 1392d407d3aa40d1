#include "rinnalla/storage/database.h"

#include "pool.h"
#include "transaction.h"

namespace rinnalla::storage {

Database::Database(std::unique_ptr<Pool> pool) : pool_(std::move(pool)) {}
Database::~Database() = default;

absl::StatusOr<std::unique_ptr<Database>> Database::Connect(const DatabaseOptions& options) {
  absl::StatusOr<std::unique_ptr<Pool>> pool = Pool::Open(options);
  if (!pool.ok()) return pool.status();
  return std::unique_ptr<Database>(new Database(*std::move(pool)));
}

absl::Status Database::Ping(absl::Duration timeout) {
  ScopedDeadline deadline(absl::Now() + timeout);
  return RunTransaction(*this, Isolation::kReadCommitted, [](soci::session& sql) {
    int one = 0;
    sql << "SELECT 1", soci::into(one);
    return absl::OkStatus();
  });
}

int Database::pool_size() const { return pool_->size(); }

absl::StatusOr<int> Database::PruneRequestIds(absl::Duration age) {
  return Transact(*this, [&](soci::session& sql) -> absl::StatusOr<int> {
    long long seconds = absl::ToInt64Seconds(age);
    soci::statement st = (sql.prepare << "DELETE FROM idempotency_keys"
                                         " WHERE create_time < now() - :s * interval '1 second'",
                          soci::use(seconds));
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
  });
}

}  // namespace rinnalla::storage
