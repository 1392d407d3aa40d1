#ifndef RINNALLA_STORAGE_VISITS_REPOSITORY_H_
#define RINNALLA_STORAGE_VISITS_REPOSITORY_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rinnalla/storage/access_log.h"
#include "rinnalla/storage/call_scope.h"
#include "rinnalla/storage/database.h"
#include "rinnalla/storage/directory_repository.h"
#include "rinnalla/storage/visit_records.h"

namespace rinnalla::storage {

// How long after its assignment ended a guide may still log and amend its visits (a phone that
// was offline syncs late).
inline constexpr absl::Duration kLateSyncWindow = absl::Hours(24 * 30);
// Visits may not start before the day their assignment started, in this time zone.
inline constexpr char kVisitTimeZone[] = "Europe/Helsinki";

// Outreach visits of one organization (`scope.org_id`), their revisions and staff's correction
// notes. Each method is one transaction that also writes the access log (a row per client
// touched) and, for changes, outbox events. Thread-safe.
//
// Writing a visit checks, in the writing transaction, that its assignment is the visit's guide's
// with the visit's client (PERMISSION_DENIED otherwise, the same whether or not the assignment
// exists), that the assignment is ACTIVE or PAUSED or ended at most kLateSyncWindow ago
// (FAILED_PRECONDITION LATE_SYNC_WINDOW_CLOSED), that the visit starts no earlier than the day the
// assignment started and not after it ended (FAILED_PRECONDITION VISIT_OUTSIDE_ASSIGNMENT), and
// that its goals are goals of the client (FAILED_PRECONDITION UNKNOWN_GOAL).
class VisitsRepository {
 public:
  virtual ~VisitsRepository() = default;

  // Logs new visits, one result per visit in order; one visit's refusal does not stop the others.
  // Valid visits are stored together in one transaction (a few statements for the whole batch);
  // if that fails unexpectedly, each is tried again alone. A visit whose id is already stored
  // with the same client, assignment, guide and first revision is not stored again: its result
  // is the stored visit; with other content it is ALREADY_EXISTS (VISIT_ID_IN_USE). A repeated
  // request id returns the first response.
  virtual std::vector<absl::StatusOr<CreateOutcome<VisitRecord>>> LogVisits(
      const CallScope& scope, const std::vector<NewVisit>& visits,
      const ResponseEncoder<VisitRecord>& encode) = 0;

  // The same for visits of many calls (the service's group commit), in one transaction under
  // `group` (its deadline the earliest of the calls', its trace one of theirs): each visit logged
  // by its own call's scope (the revision's author, the access-log row per call and client),
  // organization by organization; the same fallback, one visit per transaction, when the
  // transaction fails unexpectedly. UNAVAILABLE or DEADLINE_EXCEEDED of the transaction is every
  // visit's result: none of them was stored.
  struct CallVisit {
    const CallScope* scope;  // the visit's own call's
    NewVisit visit;
  };
  virtual std::vector<absl::StatusOr<CreateOutcome<VisitRecord>>> LogVisitsOfCalls(
      const CallScope& group, const std::vector<CallVisit>& visits,
      const ResponseEncoder<VisitRecord>& encode) = 0;

  // Staff read the organization's visits, with the guide's texts only where the client agreed to
  // information sharing. A guide (`scope.is_guide`) reads only their own visits, always with their
  // texts, and only of a client they guide now: held to the client in the reading transaction
  // (HoldGuideToClient); across clients, only visits of clients they guide now.
  // A client's visit as the caller may see it. NOT_FOUND for staff, PERMISSION_DENIED for a guide
  // when it is not there for them.
  virtual absl::StatusOr<VisitRecord> GetVisit(const CallScope& scope, const std::string& client_id,
                                               const std::string& id) = 0;
  // Newest first by (start_time, id); the page cursor holds start_time.
  virtual absl::StatusOr<Page<VisitRecord>> ListVisits(const CallScope& scope,
                                                       const VisitFilter& filter,
                                                       const PageRequest& page) = 0;
  // Every revision, oldest first.
  virtual absl::StatusOr<std::vector<VisitRevisionRecord>> ListVisitRevisions(
      const CallScope& scope, const std::string& client_id, const std::string& id) = 0;

  // The visit's guide (`scope.guide_id`) amends it: `change` edits the latest content under the
  // row's lock (a non-OK status aborts); a change that changes nothing writes no revision. ABORTED
  // (STALE_ETAG) when `expected_revision` is not the latest; PERMISSION_DENIED when the visit is
  // not there or not this guide's.
  virtual absl::StatusOr<VisitRecord> AmendVisit(const CallScope& scope,
                                                 const std::string& client_id,
                                                 const std::string& id,
                                                 std::optional<int64_t> expected_revision,
                                                 const Change<VisitContent>& change,
                                                 const std::string& reason) = 0;

  // NOT_FOUND when the visit is not the client's.
  virtual absl::StatusOr<CreateOutcome<VisitCorrectionNoteRecord>> AddCorrectionNote(
      const CallScope& scope, const VisitCorrectionNoteRecord& note,
      const std::optional<IdempotencyKey>& key,
      const ResponseEncoder<VisitCorrectionNoteRecord>& encode) = 0;

  // Totals for a period, computed by PostgreSQL. Each client in the per-client totals (and the
  // client the query names) is an access to that client's data.
  virtual absl::StatusOr<VisitSummaryRecord> SummarizeVisits(const CallScope& scope,
                                                             const VisitSummaryQuery& query) = 0;
};

std::unique_ptr<VisitsRepository> MakePgVisitsRepository(Database& db);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_VISITS_REPOSITORY_H_
