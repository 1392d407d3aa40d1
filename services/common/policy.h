#ifndef RINNALLA_SERVICES_COMMON_POLICY_H_
#define RINNALLA_SERVICES_COMMON_POLICY_H_

// Who may do what (API.md's role table), decided before any data is touched. The organization
// must always match the caller's. Every refusal is the same PERMISSION_DENIED, whether or not the
// resource exists (AIP-211).

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "principal.h"
#include "rpc.h"

namespace rinnalla {

enum class Action {
  kCreateGuide,
  kUpdateGuide,
  kReadGuide,
  kListGuides,
  kCreateClient,
  kUpdateClient,
  kReadClient,
  kListClients,
  kReadAccessLog,
  kCreateReferral,
  kReadReferral,
  kCancelReferral,
  kSuggestGuides,
  // `resource_name`: the guide to exclude (a guide may exclude themselves).
  kAddMatchExclusion,
  kReadMatchExclusions,
  kRemoveMatchExclusion,
  kAssignGuide,
  kChangeAssignment,
  // `resource_name`: the assignment's guide (a guide reads their own assignments).
  kReadAssignment,
  // `resource_name`: the `guide` filter, if any (a guide lists their own).
  kListAssignments,
  // Client record systems only (the `integration` role).
  kImportClients,
  kWatchEvents,
  kExportCarePlan,
  // Meetings: staff schedule and record them; the client's current guide reads meetings, goals
  // and consents, proposes goals and records the client's consent decision.
  kManageMeetings,
  kReadMeetings,
  kProposeGoal,
  kUpdateGoal,
  kRecordConsent,
  // A client's progress notes, timeline and goal attainment: staff, and the client's guide (what
  // a guide sees is narrowed further to their own periods and SHARED notes). Whether a guide
  // guides the client is decided here, before the body is validated; the reads of a client's
  // meetings, goals, consents, notes, timeline, attainment and visits decide it again inside the
  // reading transaction (storage's HoldGuideToClient), so that no read outlives the assignment.
  kAddProgressNote,
  kReadProgressNotes,
  kReadClientTimeline,
  kReadGoalAttainment,
  // The organization's figures over a period.
  kSummarizeOutcomes,
  // A guide logs and amends their own visits. Whether the assignment is theirs and within its
  // late-sync window is checked with the write, in its transaction.
  kLogVisit,
  kAmendVisit,
  // `client_id`: the client, for a client's visits (a guide: a client they guide now); or, across
  // the organization's clients, `resource_name`: the `guide` filter (a guide lists their own).
  kReadVisits,
  kAddVisitCorrectionNote,
  kSummarizeVisits,
};

// Whether a guide currently guides a client: an ACTIVE or PAUSED assignment links them. The
// Matching service provides the real one; access ends the moment the assignment ends.
class AssignmentChecker {
 public:
  virtual ~AssignmentChecker() = default;
  // The guide is `scope`'s (CallScope::guide_id), in `scope`'s organization.
  virtual absl::StatusOr<bool> GuideHasClient(const storage::CallScope& scope,
                                              const std::string& client_id) const = 0;
};

// Before assignments exist, no guide guides anyone.
class NoAssignments final : public AssignmentChecker {
 public:
  absl::StatusOr<bool> GuideHasClient(const storage::CallScope&,
                                      const std::string&) const override {
    return false;
  }
};

class AccessPolicy {
 public:
  explicit AccessPolicy(const AssignmentChecker& assignments) : assignments_(assignments) {}

  // OK when the caller of `call` may take `action` in organization `org_id` on the resource named
  // `resource_name` (empty for collections); `client_id` is the client whose data it is, if any.
  // PERMISSION_DENIED otherwise; UNAVAILABLE when the assignment check cannot be made.
  absl::Status Authorize(const Call& call, Action action, absl::string_view org_id,
                         absl::string_view resource_name = {},
                         absl::string_view client_id = {}) const;

 private:
  const AssignmentChecker& assignments_;
};

}  // namespace rinnalla

#endif  // RINNALLA_SERVICES_COMMON_POLICY_H_
