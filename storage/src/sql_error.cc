#include "sql_error.h"

#include <soci/postgresql/soci-postgresql.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::storage {

absl::Status StatusFromSqlState(absl::string_view sqlstate) {
  if (sqlstate == "23505") return absl::AlreadyExistsError("the resource already exists");
  if (sqlstate == "23503") return absl::FailedPreconditionError("a referenced resource is missing");
  if (sqlstate == "23502" || sqlstate == "23514") {
    return absl::InvalidArgumentError("a value breaks a rule of the data model");
  }
  if (IsRetryable(sqlstate)) return absl::AbortedError("concurrent change; try again");
  if (sqlstate == "57014")
    return absl::DeadlineExceededError("the database did not answer in time");
  if (absl::StartsWith(sqlstate, "08") || absl::StartsWith(sqlstate, "57P")) {
    return DatabaseUnavailable("the database is not reachable");
  }
  return absl::InternalError("database error");
}

bool IsRetryable(absl::string_view sqlstate) { return sqlstate == "40001" || sqlstate == "40P01"; }

absl::Status StatusFromException(const std::exception& e, bool still_connected) {
  if (!still_connected) return DatabaseUnavailable("the database is not reachable");
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    std::string state = pg->sqlstate();
    absl::Status status = StatusFromSqlState(state);
    if (status.code() == absl::StatusCode::kInternal) {
      spdlog::error(R"("event":"sql_error","sqlstate":"{}")", state);
    }
    return status;
  }
  // A SOCI error of its own (type mismatch, null where none was expected): a defect of ours.
  spdlog::error(R"("event":"storage_error","kind":"soci")");
  return absl::InternalError("database error");
}

namespace {

// libpq may report several lines (one per address tried); an operator wants them on one.
std::string OneLine(const char* text) {
  std::string reason;
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipWhitespace())) {
    if (!reason.empty()) reason += "; ";
    reason += std::string(absl::StripAsciiWhitespace(line));
  }
  return reason;
}

}  // namespace

absl::Status ConnectionError(const std::exception& e) { return ConnectionFailed(e.what()); }

absl::Status ConnectionFailed(const char* libpq_message) {
  // libpq's connection message names host, port, socket and user but never the password.
  spdlog::warn(R"("event":"database_unreachable","detail":{})",
               nlohmann::json(OneLine(libpq_message))
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return DatabaseUnavailable("the database is not reachable");
}

void LogNotices(PGconn* conn) {
  if (conn == nullptr) return;
  PQsetNoticeProcessor(
      conn,
      [](void*, const char* message) {
        spdlog::warn(R"("event":"database_notice","detail":{})",
                     nlohmann::json(OneLine(message))
                         .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      },
      nullptr);
}

absl::Status ConnectError(const std::exception& e) {
  return WithReason(absl::UnavailableError("cannot connect to the database: " + OneLine(e.what())),
                    "DATABASE_UNAVAILABLE");
}

absl::Status DatabaseUnavailable(absl::string_view message) {
  return WithReason(absl::UnavailableError(message), "DATABASE_UNAVAILABLE");
}

absl::Status CallDeadlinePassed() {
  return absl::DeadlineExceededError("the call's deadline passed before the database answered");
}

}  // namespace rinnalla::storage
