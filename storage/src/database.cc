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

}  // namespace rinnalla::storage
