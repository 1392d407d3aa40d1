#include "meeting_rules.h"

#include "absl/strings/str_cat.h"
#include "refusals.h"

namespace rinnalla::storage {
namespace {

bool Present(const std::vector<ParticipantRecord>& people, absl::string_view role,
             absl::string_view identity = {}) {
  for (const ParticipantRecord& p : people) {
    if (p.present && p.role == role && (identity.empty() || p.identity == identity)) return true;
  }
  return false;
}

}  // namespace

absl::Status CheckParties(const std::string& kind, const AssignmentRecord& assignment,
                          const std::vector<ParticipantRecord>& people) {
  const std::string guide = ResourceName(assignment.org_id, "guides", assignment.guide_id);
  for (const ParticipantRecord& p : people) {
    if (p.role == "GUIDE" && p.identity != guide) {
      return Refusal("GUIDE_NOT_ON_ASSIGNMENT", "a guide listed is not the assignment's guide");
    }
  }
  if ((kind == "INITIAL" || kind == "CLOSING") &&
      !(Present(people, "CLIENT") && Present(people, "SOCIAL_WORKER") &&
        Present(people, "GUIDE", guide))) {
    return Refusal("THREE_PARTIES_REQUIRED",
                   "an INITIAL or CLOSING meeting is recorded only with the client, the social "
                   "worker and the guide present");
  }
  return absl::OkStatus();
}

std::vector<std::string> AgreeingParties(const std::vector<ParticipantRecord>& people) {
  std::vector<std::string> parties;
  for (const ParticipantRecord& p : people) {
    if (!p.present || p.role == "OTHER") continue;
    parties.push_back(p.identity.empty() ? p.role : absl::StrCat(p.role, ":", p.identity));
  }
  return parties;
}

absl::Status CheckScheduled(const MeetingRecord& meeting) {
  if (meeting.state != "SCHEDULED") {
    return Refusal("MEETING_NOT_SCHEDULED", "only a SCHEDULED meeting can change");
  }
  return absl::OkStatus();
}

absl::Status CheckRecordable(const MeetingRecord& meeting, const OutcomeRecording& r) {
  if (meeting.state == "HELD") {
    return Refusal("OUTCOME_ALREADY_RECORDED",
                   "the outcome is recorded already; correct it with AmendMeetingOutcome");
  }
  if (meeting.state != "SCHEDULED") {
    return Refusal("MEETING_NOT_SCHEDULED", "a cancelled meeting has no outcome");
  }
  if (meeting.kind != "CLOSING" && (!r.closings.empty() || r.end_assignment)) {
    return Refusal("CLOSING_MEETING_ONLY",
                   "goals are closed and the guidance ended at a CLOSING meeting");
  }
  return absl::OkStatus();
}

absl::StatusOr<RecordingPlan> PlanRecording(const MeetingRecord& meeting,
                                            const AssignmentRecord& assignment,
                                            const OutcomeRecording& r, const std::string& actor) {
  if (absl::Status parties = CheckParties(meeting.kind, assignment, r.outcome.participants);
      !parties.ok()) {
    return parties;
  }
  RecordingPlan plan;
  plan.outcome = r.outcome;
  plan.outcome.revision = 1;
  plan.outcome.recorded_by = actor;
  const std::vector<std::string> parties = AgreeingParties(plan.outcome.participants);
  for (GoalRecord goal : r.agreed_goals) {
    goal.org_id = meeting.org_id;
    goal.client_id = meeting.client_id;
    goal.assignment_id = meeting.assignment_id;
    goal.state = "AGREED";
    goal.agreed_meeting_id = meeting.id;
    goal.agreed_by = parties;
    goal.agree_time = plan.outcome.held_time;
    plan.agreed_goals.push_back(std::move(goal));
  }
  if (r.consent) {
    plan.consent = ConsentRecord{
        meeting.org_id, "", meeting.client_id, meeting.assignment_id, *r.consent, meeting.id,
        actor,          {}};
  }
  if (!assignment.first_meeting_time || *assignment.first_meeting_time > plan.outcome.held_time) {
    plan.first_meeting_time = plan.outcome.held_time;
  }
  if (r.end_assignment) plan.end_reason = "GOALS_REACHED";
  return plan;
}

absl::StatusOr<MeetingOutcomeRecord> PlanAmendment(const MeetingRecord& meeting,
                                                   const AssignmentRecord& assignment,
                                                   const MeetingOutcomeRecord& outcome,
                                                   const std::string& actor) {
  if (meeting.state != "HELD") {
    return Refusal("OUTCOME_NOT_RECORDED", "only a recorded outcome can be amended");
  }
  if (absl::Status parties = CheckParties(meeting.kind, assignment, outcome.participants);
      !parties.ok()) {
    return parties;
  }
  MeetingOutcomeRecord amended = outcome;
  amended.revision = meeting.outcome_revision + 1;
  amended.recorded_by = actor;
  return amended;
}

}  // namespace rinnalla::storage
