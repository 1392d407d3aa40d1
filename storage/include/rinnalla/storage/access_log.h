#ifndef RINNALLA_STORAGE_ACCESS_LOG_H_
#define RINNALLA_STORAGE_ACCESS_LOG_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rinnalla/storage/database.h"
#include "rinnalla/storage/records.h"

namespace rinnalla::storage {

// Who is processing client data, in which call. Repositories that read or write client data take
// one and write an access-log row per client touched, in the same transaction as the data; when
// the row cannot be written, the call fails with UNAVAILABLE and returns no data.
struct Accessor {
  std::string org_id;
  std::string actor;  // the caller's `sub`
  std::string role;
  std::string method;  // full RPC method name
  std::string request_id;
};

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

// The access log: appended to by every service, read by auditors. Thread-safe.
class AccessLogRepository {
 public:
  virtual ~AccessLogRepository() = default;
  // Records an access that touched no data (refused, or failed) in its own transaction.
  virtual absl::Status Record(const Accessor& accessor, const ClientRef& client,
                              AccessOutcome outcome) = 0;
  // One client's log, newest first. The reading itself is recorded first, as an access of
  // `reader` to the client (the log is client data too).
  virtual absl::StatusOr<Page<AccessLogEntry>> ListForClient(const Accessor& reader,
                                                             const ClientRef& client,
                                                             const PageRequest& page) = 0;
};

std::unique_ptr<AccessLogRepository> MakePgAccessLogRepository(Database& db);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_ACCESS_LOG_H_
