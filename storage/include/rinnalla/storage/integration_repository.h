#ifndef RINNALLA_STORAGE_INTEGRATION_REPOSITORY_H_
#define RINNALLA_STORAGE_INTEGRATION_REPOSITORY_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rinnalla/storage/access_log.h"
#include "rinnalla/storage/call_scope.h"
#include "rinnalla/storage/database.h"
#include "rinnalla/storage/directory_repository.h"
#include "rinnalla/storage/matching_records.h"
#include "rinnalla/storage/meeting_records.h"
#include "rinnalla/storage/records.h"

namespace rinnalla::storage {

// One client sent by a record system, found by its external refs.
struct ClientImport {
  // The client as it is created when no client of the organization holds any of its refs; its
  // id is a fresh UUID.
  ClientRecord client;
  // How the client that holds its refs changes. Called on a copy, possibly more than once (a
  // batch that raced another import is decided again); a non-OK status is the item's error.
  Change<ClientRecord> update;
};

enum class ImportOutcome { kCreated, kUpdated, kUnchanged };

struct ClientImportResult {
  // The item's own error (its refs name two clients, or the update refused); nothing of the item
  // was written. The rest of the fields are set when OK.
  absl::Status status;
  ImportOutcome outcome = ImportOutcome::kUnchanged;
  std::string client_id;
  int64_t revision = 0;
};

// What an HL7 FHIR care plan of a client is made of: the client's guidance (assignments) with
// the social workers who took part in its meetings, its goals with their ratings, and the visits.
struct ExportedGuidance {
  AssignmentRecord assignment;
  std::vector<std::string> social_workers;  // `sub`s of SOCIAL_WORKER participants, present
};

struct ExportedRating {
  int score = 0;
  std::string rated_by;  // CLIENT, GUIDE, SOCIAL_WORKER
  absl::Time time;
};

struct ExportedGoal {
  GoalRecord goal;
  std::vector<ExportedRating> ratings;  // oldest first
};

struct ExportedVisit {
  std::string id;
  std::string assignment_id;
  std::string guide_id;
  absl::Time start_time;
  int duration_minutes = 0;
  std::string mode;                 // IN_PERSON, PHONE, VIDEO, ACCOMPANIED
  std::vector<std::string> places;  // service place codes
};

struct CarePlanSource {
  ClientRecord client;
  std::vector<ExportedGuidance> guidances;  // by start time
  std::vector<ExportedGoal> goals;          // by creation
  std::vector<ExportedVisit> visits;        // by start time
};

// What client record systems do: import clients, export care plans. Client data is logged per
// client for `scope` in the same transaction (access_log.h). Thread-safe.
class IntegrationRepository {
 public:
  virtual ~IntegrationRepository() = default;

  // Upserts `items` in order, as if one after another, in one transaction where it can: an item
  // whose refs no client holds creates `client`; one whose refs name one client applies `update`
  // to it (a new revision and a `client.updated` event only when something changed); one whose
  // refs name two clients is FAILED_PRECONDITION (EXTERNAL_REFS_CONFLICT). One result per item.
  // A batch that fails because of one item is retried item by item, so a bad item fails alone.
  // The call fails as a whole (nothing written) only when the database does: UNAVAILABLE,
  // DEADLINE_EXCEEDED, ABORTED, INTERNAL. All items belong to `scope.org_id`.
  virtual absl::StatusOr<std::vector<ClientImportResult>> ImportClients(
      const CallScope& scope, const std::vector<ClientImport>& items) = 0;

  // Everything a care plan of the client shows; NOT_FOUND for a client not in the organization.
  virtual absl::StatusOr<CarePlanSource> ReadCarePlan(const CallScope& scope,
                                                      const std::string& client_id) = 0;
};

std::unique_ptr<IntegrationRepository> MakePgIntegrationRepository(Database& db);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_INTEGRATION_REPOSITORY_H_
