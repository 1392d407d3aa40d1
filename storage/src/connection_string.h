#ifndef RINNALLA_STORAGE_SRC_CONNECTION_STRING_H_
#define RINNALLA_STORAGE_SRC_CONNECTION_STRING_H_

// How the server connects to PostgreSQL, beyond what the operator's connection string says.

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace rinnalla::storage {

// The operator's libpq connection string (key=value or URI) with what makes a dead or stuck peer
// noticed, where the string does not say otherwise: a bounded connection attempt
// (connect_timeout), TCP keepalives and tcp_user_timeout (libpq uses them on TCP only; on a Unix
// socket the pool's wall-clock bound, ConnectionWatchdog, does the work).
std::string WithDeadPeerDetection(const std::string& connection_string);

// OK if the server completes a new connection's start-up before `deadline` (a non-blocking libpq
// connect under a poll() bound), else UNAVAILABLE (DATABASE_UNAVAILABLE, a plain message; libpq's
// reason goes to the log). The pool asks this before it replaces a broken connection, so a frozen
// server costs a caller no more than its own deadline.
absl::Status ReachableBy(const std::string& connection_string, absl::Time deadline);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_CONNECTION_STRING_H_
