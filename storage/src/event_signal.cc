// EventSignal: LISTEN on a dedicated libpq connection (SOCI has no notification API).

#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "connection_string.h"
#include "rinnalla/storage/event_feed.h"
#include "sql_error.h"

namespace rinnalla::storage {
namespace {

// The channel the events trigger notifies (migration V0007).
constexpr char kChannel[] = "rinnalla_events";
// How often the listener looks at the stop flag while idle, and waits before reconnecting.
constexpr int kPollMillis = 100;
constexpr absl::Duration kReconnectDelay = absl::Seconds(1);

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;

Connection ConnectAndListen(const std::string& connection_string) {
  Connection conn(PQconnectdb(connection_string.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) return Connection(nullptr, &PQfinish);
  LogNotices(conn.get());
  PGresult* result = PQexec(conn.get(), (std::string("LISTEN ") + kChannel).c_str());
  bool listening = PQresultStatus(result) == PGRES_COMMAND_OK;
  PQclear(result);
  if (!listening) return Connection(nullptr, &PQfinish);
  return conn;
}

}  // namespace

EventSignal::EventSignal(std::string connection_string)
    : connection_string_(WithDeadPeerDetection(connection_string)),
      listener_([this] { Listen(); }) {}

EventSignal::~EventSignal() {
  Stop();
  if (listener_.joinable()) listener_.join();
}

void EventSignal::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
}

bool EventSignal::stopped() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

uint64_t EventSignal::VersionLocked(const std::string& org_id) const {
  auto it = changed_at_.find(org_id);
  return std::max(all_changed_at_, it == changed_at_.end() ? 0 : it->second);
}

uint64_t EventSignal::Version(const std::string& org_id) const {
  std::lock_guard lock(mutex_);
  return VersionLocked(org_id);
}

void EventSignal::WaitForChange(const std::string& org_id, uint64_t seen,
                                absl::Duration timeout) const {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, absl::ToChronoNanoseconds(timeout),
                    [&] { return stopping_ || VersionLocked(org_id) != seen; });
}

void EventSignal::Bump(const std::string& org_id) {
  {
    std::lock_guard lock(mutex_);
    changed_at_[org_id] = ++tick_;
  }
  changed_.notify_all();
}

void EventSignal::BumpAll() {
  {
    std::lock_guard lock(mutex_);
    all_changed_at_ = ++tick_;
  }
  changed_.notify_all();
}

void EventSignal::Listen() {
  Connection conn(nullptr, &PQfinish);
  while (!stopped()) {
    if (conn == nullptr) {
      conn = ConnectAndListen(connection_string_);
      if (conn == nullptr) {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, absl::ToChronoNanoseconds(kReconnectDelay),
                          [&] { return stopping_; });
        continue;
      }
      // Whatever committed while no one listened is announced to everyone.
      BumpAll();
    }
    pollfd fd{PQsocket(conn.get()), POLLIN, 0};
    if (poll(&fd, 1, kPollMillis) < 0 && errno != EINTR) {
      conn.reset();
      continue;
    }
    if (PQconsumeInput(conn.get()) == 0 || PQstatus(conn.get()) != CONNECTION_OK) {
      spdlog::warn(R"("event":"event_signal_reconnecting")");
      conn.reset();
      continue;
    }
    while (PGnotify* note = PQnotifies(conn.get())) {
      Bump(note->extra);
      PQfreemem(note);
    }
  }
}

}  // namespace rinnalla::storage
