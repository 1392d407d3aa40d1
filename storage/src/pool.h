#ifndef RINNALLA_STORAGE_SRC_POOL_H_
#define RINNALLA_STORAGE_SRC_POOL_H_

// Internal to storage: SOCI appears only below storage/src.

#include <libpq-fe.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <soci/soci.h>

#include "connection_watchdog.h"
#include "connection_state.h"
#include "rinnalla/storage/database.h"

namespace rinnalla::storage {

class Database::Pool {
 public:
  // A leased connection; returned to the pool when destroyed.
  class Lease {
   public:
    Lease(Pool* pool, size_t slot) : pool_(pool), slot_(slot) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), slot_(other.slot_) { other.pool_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    soci::session& session();
    ConnectionWatchdog& watchdog() { return pool_->watchdog_; }
    // Closes the connection (it is reopened before its next use): for one whose state is
    // unknown, such as one the watchdog cut. Its kept statements go with it.
    void Discard();
    // Opens the connection again, by `deadline` if given (else within the lease timeout): for
    // one found dead before anything was sent on it (the database restarted since its last use).
    absl::Status Reopen(std::optional<absl::Time> deadline);
    // The statements kept on this connection (kept_statements.h).
    KeptStatements& statements();

   private:
    Pool* pool_;
    size_t slot_;
  };

  // `options.connection_string` as given; the pool adds dead-peer detection to it.
  static absl::StatusOr<std::unique_ptr<Pool>> Open(const DatabaseOptions& options,
                                                    ConnectionWatchdog& watchdog);

  // Waits for a free connection up to the lease timeout (UNAVAILABLE after) or `deadline`
  // (DEADLINE_EXCEEDED), whichever comes first, and replaces it first if its link to the server
  // is broken: UNAVAILABLE when the server does not answer (in time). Never waits past
  // `deadline`, and opens no connection once it has passed.
  absl::StatusOr<Lease> Acquire(std::optional<absl::Time> deadline = std::nullopt);
  int size() const { return static_cast<int>(sessions_.size()); }
  ~Pool();

 private:
  Pool(DatabaseOptions options, ConnectionWatchdog& watchdog);
  void Release(size_t slot);
  // Replaces slot's broken connection, asking the server first whether it answers by `give_up`.
  absl::Status Reconnect(size_t slot, absl::Time give_up);

  DatabaseOptions options_;
  ConnectionWatchdog& watchdog_;
  std::vector<std::unique_ptr<soci::session>> sessions_;
  // One per session, destroyed first (a statement is deallocated on its connection).
  std::vector<std::unique_ptr<ConnectionState>> states_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<size_t> free_;
};

// Whether the libpq connection under `session` is still usable.
bool IsConnected(soci::session& session);
// The libpq connection under `session`, or null when it is closed: for what SOCI does not offer
// (the socket the watchdog watches, the notice processor, migrations' multi-statement scripts).
// The only place that reaches under SOCI's session.
PGconn* ConnectionOf(soci::session& session);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_POOL_H_
