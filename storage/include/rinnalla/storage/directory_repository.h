#ifndef RINNALLA_STORAGE_DIRECTORY_REPOSITORY_H_
#define RINNALLA_STORAGE_DIRECTORY_REPOSITORY_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rinnalla/storage/access_log.h"
#include "rinnalla/storage/call_scope.h"
#include "rinnalla/storage/database.h"
#include "rinnalla/storage/records.h"

namespace rinnalla::storage {

// Changes a record in place under the row's lock; a non-OK status aborts the update.
template <typename Record>
using Change = std::function<absl::Status(Record&)>;

struct GuideFilter {
  std::optional<std::string> state;
  std::optional<std::string> experience_area;
  std::optional<std::string> language;
  std::optional<std::string> municipality;
};

struct ClientFilter {
  std::optional<std::string> state;
  std::optional<std::string> municipality;
  std::optional<std::string> language;
  std::optional<ExternalRefRecord> external_ref;
  // Every word occurs in the display name, case aside (none: any name).
  std::vector<std::string> name_words;
};

// Every method is scoped to one organization and runs as one transaction. Errors:
// NOT_FOUND for an id not in the organization; ALREADY_EXISTS for a taken id, a request id reused
// for another request (reason REQUEST_ID_REUSED) or an external ref held by another client
// (reason EXTERNAL_REF_IN_USE); ABORTED for a stale revision; UNAVAILABLE when the database is
// unreachable. Thread-safe.
class DirectoryRepository {
 public:
  virtual ~DirectoryRepository() = default;

  // `guide.id` must be set. With a key, a repeat of the same request replays the first response.
  virtual absl::StatusOr<CreateOutcome<GuideRecord>> CreateGuide(
      const CallScope& scope, const GuideRecord& guide, const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<GuideRecord>& encode) = 0;
  virtual absl::StatusOr<GuideRecord> GetGuide(const CallScope& scope, const std::string& org_id,
                                               const std::string& id) = 0;
  virtual absl::StatusOr<Page<GuideRecord>> ListGuides(const CallScope& scope,
                                                       const std::string& org_id,
                                                       const GuideFilter& filter,
                                                       const PageRequest& page) = 0;
  // Applies `change` when the stored revision equals `expected_revision` (if given); bumps the
  // revision only when the content changed.
  virtual absl::StatusOr<GuideRecord> UpdateGuide(const CallScope& scope, const std::string& org_id,
                                                  const std::string& id,
                                                  std::optional<int64_t> expected_revision,
                                                  const Change<GuideRecord>& change) = 0;

  // Client data: each method also writes an access-log row for `scope` per client touched,
  // in the same transaction (see access_log.h). The organization is `scope.org_id`.
  virtual absl::StatusOr<CreateOutcome<ClientRecord>> CreateClient(
      const CallScope& scope, const ClientRecord& client, const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<ClientRecord>& encode) = 0;
  virtual absl::StatusOr<ClientRecord> GetClient(const CallScope& scope, const std::string& id) = 0;
  virtual absl::StatusOr<Page<ClientRecord>> ListClients(const CallScope& scope,
                                                         const ClientFilter& filter,
                                                         const PageRequest& page) = 0;
  virtual absl::StatusOr<ClientRecord> UpdateClient(const CallScope& scope, const std::string& id,
                                                    std::optional<int64_t> expected_revision,
                                                    const Change<ClientRecord>& change) = 0;
};

std::unique_ptr<DirectoryRepository> MakePgDirectoryRepository(Database& db);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_DIRECTORY_REPOSITORY_H_
