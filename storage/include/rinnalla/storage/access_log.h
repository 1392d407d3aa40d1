#ifndef RINNALLA_STORAGE_ACCESS_LOG_H_
#define RINNALLA_STORAGE_ACCESS_LOG_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rinnalla/storage/call_scope.h"
#include "rinnalla/storage/database.h"
#include "rinnalla/storage/records.h"

namespace rinnalla::storage {

enum class AccessOutcome { kOk, kDenied, kError };

// The client whose data is accessed.
struct ClientRef {
  std::string org_id;
  std::string id;  // UUID
};

struct AccessLogEntry {
  std::string id;  // UUID
  absl::Time time;
  std::string actor_org;
  std::string actor;
  std::string role;
  std::string method;
  std::string resource;
  std::string outcome;  // OK, DENIED, ERROR
  std::string request_id;
};

// Which entries of a client's log to read; every part that is set must hold.
struct AccessLogFilter {
  std::optional<absl::Time> from;   // time >= from
  std::optional<absl::Time> until;  // time < until
  std::optional<std::string> actor;
  std::optional<std::string> outcome;  // OK, DENIED, ERROR
};

// The access log: appended to by every service, read by auditors. Thread-safe.
class AccessLogRepository {
 public:
  virtual ~AccessLogRepository() = default;
  // Records an access that touched no data (refused, or failed) in its own transaction.
  virtual absl::Status Record(const CallScope& scope, const ClientRef& client,
                              AccessOutcome outcome) = 0;
  // One client's log, newest first, the entries `filter` keeps. The reading itself is recorded
  // first, as an access of `reader` to the client (the log is client data too).
  virtual absl::StatusOr<Page<AccessLogEntry>> ListForClient(const CallScope& scope,
                                                             const ClientRef& client,
                                                             const AccessLogFilter& filter,
                                                             const PageRequest& page) = 0;
};

std::unique_ptr<AccessLogRepository> MakePgAccessLogRepository(Database& db);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_ACCESS_LOG_H_
