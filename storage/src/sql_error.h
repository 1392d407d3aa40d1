#ifndef RINNALLA_STORAGE_SRC_SQL_ERROR_H_
#define RINNALLA_STORAGE_SRC_SQL_ERROR_H_

#include <libpq-fe.h>

#include <exception>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace rinnalla::storage {

// Maps a PostgreSQL SQLSTATE to the status the caller sees (DESIGN.md): 23505 ALREADY_EXISTS,
// 23503 FAILED_PRECONDITION, 23502/23514 INVALID_ARGUMENT, 40001/40P01 ABORTED (after retries),
// 57014 DEADLINE_EXCEEDED, class 08 and 57P0x UNAVAILABLE, anything else INTERNAL. The message
// is generic: the server's text can quote data values and goes only to the operator's log.
absl::Status StatusFromSqlState(absl::string_view sqlstate);

// Whether a transaction that failed with this SQLSTATE may simply be run again.
bool IsRetryable(absl::string_view sqlstate);

// Maps an exception thrown by SOCI during a statement on a session; a lost connection (which
// SOCI may report without a SQLSTATE) is UNAVAILABLE.
absl::Status StatusFromException(const std::exception& e, bool still_connected);

// A failure to (re)connect: UNAVAILABLE (DATABASE_UNAVAILABLE). libpq's text (host, port, socket
// path, user) goes to the server's log only; see ConnectError for the operator's start-up line.
absl::Status ConnectionError(const std::exception& e);
// The same for libpq's own message of a failed connection.
absl::Status ConnectionFailed(const char* libpq_message);

// The same for the server's start-up, whose error goes to the operator alone: with libpq's
// reason (never the password).
absl::Status ConnectError(const std::exception& e);

// Sends what the database says on `conn` outside any statement (notices, and the FATAL a
// backend sends when it is terminated or the server shuts down) to the server's log, as
// `database_notice`, instead of libpq's default: raw text on stderr.
void LogNotices(PGconn* conn);

// UNAVAILABLE with the reason DATABASE_UNAVAILABLE and a plain `message`: what a caller learns
// of any database outage, never more.
absl::Status DatabaseUnavailable(absl::string_view message);

// DEADLINE_EXCEEDED: the call's deadline passed before (or while) the database answered.
absl::Status CallDeadlinePassed();

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_SQL_ERROR_H_
