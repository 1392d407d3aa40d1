#include "policy.h"

#include "errors.h"

namespace rinnalla {
namespace {

bool IsStaff(Role role) { return role == Role::kCoordinator || role == Role::kSocialWorker; }

}  // namespace

absl::Status AccessPolicy::Authorize(const Call& call, Action action, absl::string_view org_id,
                                     absl::string_view resource_name,
                                     absl::string_view client_id) const {
  const Principal& p = call.principal;
  if (p.org_id != org_id) return PermissionDenied();
  // A guide's token names them, in their own organization; one naming anything else (another
  // organization's guide) is refused everything, the same way as any refusal.
  if (p.role == Role::kGuide && !GuideIdOf(p)) return PermissionDenied();
  bool allowed = false;
  switch (action) {
    case Action::kCreateGuide:
    case Action::kUpdateGuide:
      allowed = p.role == Role::kCoordinator;
      break;
    case Action::kReadGuide:
      // A guide reads their own profile; their `sub` is their guide resource name.
      allowed = IsStaff(p.role) || (p.role == Role::kGuide && resource_name == p.sub);
      break;
    case Action::kListGuides:
    case Action::kCreateClient:
    case Action::kUpdateClient:
      allowed = IsStaff(p.role);
      break;
    case Action::kListClients:
      // The auditor finds the client who asks for their access log by name or record-system id
      // (each client listed is a logged read, as for staff).
      allowed = IsStaff(p.role) || p.role == Role::kAuditor;
      break;
    case Action::kReadClient:
    case Action::kReadMeetings:
    case Action::kProposeGoal:
    case Action::kRecordConsent:
    case Action::kAddProgressNote:
    case Action::kReadProgressNotes:
    case Action::kReadClientTimeline:
    case Action::kReadGoalAttainment:
    case Action::kReadVisits:
      allowed = IsStaff(p.role);
      if (p.role == Role::kGuide && action == Action::kReadVisits && client_id.empty()) {
        // Across clients: a guide lists their own visits.
        allowed = resource_name == p.sub;
      } else if (p.role == Role::kGuide) {
        // Decided here, before the body is validated, so a guide learns nothing of a request
        // about a client they do not guide. The reads hold the guide to the client again inside
        // the reading transaction (storage's HoldGuideToClient): checked only here, in a
        // transaction of its own, a read could race the assignment's ending.
        absl::StatusOr<bool> guides =
            assignments_.GuideHasClient(call.scope, std::string(client_id));
        if (!guides.ok()) return guides.status();
        allowed = *guides;
      }
      break;
    case Action::kLogVisit:
    case Action::kAmendVisit:
      allowed = p.role == Role::kGuide;
      break;
    case Action::kReadAccessLog:
      allowed = p.role == Role::kAuditor;
      break;
    case Action::kCreateReferral:
      // Record systems send referrals too.
      allowed = IsStaff(p.role) || p.role == Role::kIntegration;
      break;
    case Action::kReadReferral:
    case Action::kCancelReferral:
    case Action::kSuggestGuides:
    case Action::kReadMatchExclusions:
    case Action::kAssignGuide:
    case Action::kChangeAssignment:
    case Action::kManageMeetings:
    case Action::kUpdateGoal:
    case Action::kAddVisitCorrectionNote:
    case Action::kSummarizeVisits:
      allowed = IsStaff(p.role);
      break;
    case Action::kAddMatchExclusion:
      // "I know this person": the coordinator or the social worker who matches, or the guide
      // about themselves.
      allowed = IsStaff(p.role) || (p.role == Role::kGuide && resource_name == p.sub);
      break;
    case Action::kRemoveMatchExclusion:
    case Action::kSummarizeOutcomes:
      allowed = p.role == Role::kCoordinator;
      break;
    case Action::kReadAssignment:
    case Action::kListAssignments:
      allowed = IsStaff(p.role) || (p.role == Role::kGuide && resource_name == p.sub);
      break;
    case Action::kImportClients:
    case Action::kWatchEvents:
    case Action::kExportCarePlan:
      // The feed and the exports are for machines that keep the official record; staff read the
      // same things through the API, client by client, each read logged.
      allowed = p.role == Role::kIntegration;
      break;
  }
  return allowed ? absl::OkStatus() : PermissionDenied();
}

}  // namespace rinnalla
