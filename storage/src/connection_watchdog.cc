#include "connection_watchdog.h"

#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <chrono>

namespace rinnalla::storage {

ConnectionWatchdog::ConnectionWatchdog() : thread_([this] { Run(); }) {}

ConnectionWatchdog::~ConnectionWatchdog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

ConnectionWatchdog::Watch::Watch(ConnectionWatchdog& watchdog, int fd, absl::Time when)
    : watchdog_(&watchdog), ticket_(watchdog.Arm(fd, when)) {}

bool ConnectionWatchdog::Watch::End() {
  if (watchdog_ != nullptr) {
    fired_ = watchdog_->Disarm(ticket_);
    watchdog_ = nullptr;
  }
  return fired_;
}

uint64_t ConnectionWatchdog::Arm(int fd, absl::Time when) {
  uint64_t ticket;
  bool sooner;
  {
    std::lock_guard lock(mutex_);
    ticket = next_ticket_++;
    entries_.emplace(ticket, Entry{fd, when});
    sooner = when < wakes_at_;
  }
  if (sooner) changed_.notify_all();
  return ticket;
}

bool ConnectionWatchdog::Disarm(uint64_t ticket) {
  // Under the mutex: once this returns, the watchdog no longer touches the socket.
  std::lock_guard lock(mutex_);
  auto it = entries_.find(ticket);
  if (it == entries_.end()) return false;
  bool fired = it->second.fired;
  entries_.erase(it);
  return fired;
}

void ConnectionWatchdog::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    const absl::Time now = absl::Now();
    absl::Time next = absl::InfiniteFuture();
    for (auto& [ticket, entry] : entries_) {
      if (entry.fired) continue;
      if (entry.when <= now) {
        // Wakes the thread blocked in libpq on this socket: it reads end-of-file.
        ::shutdown(entry.fd, SHUT_RDWR);
        entry.fired = true;
        spdlog::warn(R"("event":"database_call_abandoned","reason":"no answer by the deadline")");
      } else {
        next = std::min(next, entry.when);
      }
    }
    wakes_at_ = next;
    if (next == absl::InfiniteFuture()) {
      changed_.wait(lock);
    } else {
      changed_.wait_for(lock, absl::ToChronoNanoseconds(next - now));
    }
  }
}

}  // namespace rinnalla::storage
