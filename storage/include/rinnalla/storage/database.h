#ifndef RINNALLA_STORAGE_DATABASE_H_
#define RINNALLA_STORAGE_DATABASE_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace rinnalla::storage {

struct DatabaseOptions {
  // A libpq connection string ("host=... dbname=...") or URI ("postgresql://...").
  std::string connection_string;
  int pool_size = 8;
  // How long a caller waits for a free connection before UNAVAILABLE (never past its deadline).
  absl::Duration lease_timeout = absl::Seconds(5);
};

class ConnectionWatchdog;
struct CallScope;

// A pool of PostgreSQL connections. Thread-safe. A connection found broken is reconnected before
// it is handed out again, so the service recovers from a database restart without restarting.
// A call with a deadline (CallScope) waits for a connection, and for the database, no longer than
// its deadline, even when the server is stuck and answers nothing: the connection is then cut and
// replaced. Errors: UNAVAILABLE (reason DATABASE_UNAVAILABLE, a plain message; libpq's text goes
// to the log) and DEADLINE_EXCEEDED.
class Database {
 public:
  // Opens every connection of the pool; UNAVAILABLE (with libpq's reason, never the password)
  // when the database cannot be reached.
  static absl::StatusOr<std::unique_ptr<Database>> Connect(const DatabaseOptions& options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Whether the database answers a trivial query within `timeout`, on a connection of its own
  // (a busy pool does not make the database look down; a stuck one is noticed in `timeout`).
  absl::Status Ping(absl::Duration timeout = absl::Seconds(2));
  int pool_size() const;

  // Forgets AIP-155 request ids older than `age` (API.md: kept at least 7 days). Returns how many.
  absl::StatusOr<int> PruneRequestIds(const CallScope& scope, absl::Duration age);

  class Pool;
  Pool& pool() { return *pool_; }

 private:
  Database();
  // First in, last out: the pools' connections are watched until they close.
  std::unique_ptr<ConnectionWatchdog> watchdog_;
  std::unique_ptr<Pool> pool_;
  std::unique_ptr<Pool> health_pool_;
};

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_DATABASE_H_
