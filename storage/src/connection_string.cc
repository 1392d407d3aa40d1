#include "connection_string.h"

#include <libpq-fe.h>
#include <poll.h>

#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "sql_error.h"

namespace rinnalla::storage {

std::string WithDeadPeerDetection(const std::string& connection_string) {
  static const std::vector<std::pair<const char*, const char*>> kDefaults = {
      {"connect_timeout", "5"},    {"keepalives", "1"},         {"keepalives_idle", "10"},
      {"keepalives_interval", "5"}, {"keepalives_count", "3"}, {"tcp_user_timeout", "15000"}};
  const bool uri = absl::StartsWith(connection_string, "postgresql://") ||
                   absl::StartsWith(connection_string, "postgres://");
  std::string out = connection_string;
  for (const auto& [key, value] : kDefaults) {
    if (absl::StrContains(connection_string, absl::StrCat(key, "="))) continue;
    if (uri) {
      absl::StrAppend(&out, absl::StrContains(out, "?") ? "&" : "?", key, "=", value);
    } else {
      absl::StrAppend(&out, out.empty() ? "" : " ", key, "=", value);
    }
  }
  return out;
}

absl::Status ReachableBy(const std::string& connection_string, absl::Time deadline) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectStart(connection_string.c_str()),
                                                     &PQfinish);
  if (conn == nullptr) return DatabaseUnavailable("the database is not reachable");
  PostgresPollingStatusType state =
      PQstatus(conn.get()) == CONNECTION_BAD ? PGRES_POLLING_FAILED : PGRES_POLLING_WRITING;
  while (state != PGRES_POLLING_OK) {
    if (state == PGRES_POLLING_FAILED) return ConnectionFailed(PQerrorMessage(conn.get()));
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) return ConnectionFailed("no answer within the call's time");
    pollfd fd{PQsocket(conn.get()),
              static_cast<short>(state == PGRES_POLLING_READING ? POLLIN : POLLOUT), 0};
    int ready = poll(&fd, 1, static_cast<int>(std::max<int64_t>(1, absl::ToInt64Milliseconds(left))));
    if (ready < 0 && errno != EINTR) return ConnectionFailed("poll failed");
    if (ready <= 0) continue;
    state = PQconnectPoll(conn.get());
  }
  return absl::OkStatus();
}

}  // namespace rinnalla::storage
