#ifndef RINNALLA_STORAGE_SRC_CONNECTION_WATCHDOG_H_
#define RINNALLA_STORAGE_SRC_CONNECTION_WATCHDOG_H_

// A wall-clock bound on database calls that no server-side timeout can give. A frozen
// PostgreSQL (processes stopped, stuck storage, a partition that still acknowledges packets)
// never enforces `statement_timeout` and never closes its socket, so a thread in libpq would wait
// for ever. The watchdog shuts the connection's socket down when the call's time is up; libpq
// then sees the connection as lost, the call fails and the pool replaces the connection.

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace rinnalla::storage {

// One thread for every watched connection of a Database. Thread-safe.
class ConnectionWatchdog {
 public:
  ConnectionWatchdog();
  ~ConnectionWatchdog();
  ConnectionWatchdog(const ConnectionWatchdog&) = delete;
  ConnectionWatchdog& operator=(const ConnectionWatchdog&) = delete;

  // Watches the socket `fd` while it lives: at `when` the socket is shut down (both directions),
  // unless the watch ended first. The socket must stay open while the watch lives.
  class Watch {
   public:
    Watch(ConnectionWatchdog& watchdog, int fd, absl::Time when);
    ~Watch() { End(); }
    Watch(const Watch&) = delete;
    Watch& operator=(const Watch&) = delete;
    // Ends the watch; whether the socket was shut down (the connection is then unusable).
    bool End();

   private:
    ConnectionWatchdog* watchdog_;
    uint64_t ticket_;
    bool fired_ = false;
  };

 private:
  struct Entry {
    int fd;
    absl::Time when;
    bool fired = false;
  };
  uint64_t Arm(int fd, absl::Time when);
  bool Disarm(uint64_t ticket);
  void Run();

  std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;
  uint64_t next_ticket_ = 1;
  std::map<uint64_t, Entry> entries_;
  // When the thread next looks at the entries by itself: a watch ending later needs no wake-up
  // (waking it on every call cost a context switch per transaction).
  absl::Time wakes_at_ = absl::InfiniteFuture();
  std::thread thread_;  // last: it starts with the members above in place
};

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_CONNECTION_WATCHDOG_H_
