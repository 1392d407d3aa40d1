#include "validation.h"

#include "absl/strings/str_cat.h"
#include "field_rules.h"
#include "goal_ratings.h"
#include "mapping.h"
#include "proto_time.h"

namespace rinnalla::meetings {
namespace {

void CheckAssignment(const std::string& assignment, const ResourceName& client,
                     const std::string& field, FieldViolations& v) {
  std::optional<ResourceName> a = ParseResourceName(assignment, "assignments");
  if (!a || a->org_id != client.org_id) {
    v.Add(field, "must be organizations/{organization}/assignments/{uuid} of the client's");
  }
}

void CheckArea(int area, const std::string& field, FieldViolations& v) {
  if (!v1::ExperienceArea_IsValid(area))
    v.Add(field, "must be an experience area of the code list");
}

// No levels, or all five (for -2..+2), each a short non-empty description.
void CheckGasLevels(const google::protobuf::RepeatedPtrField<std::string>& levels, bool required,
                    const std::string& field, FieldViolations& v) {
  if (levels.empty() && !required) return;
  if (levels.size() != 5) {
    v.Add(field, "must be five descriptions, for -2, -1, 0, +1 and +2");
    return;
  }
  for (int i = 0; i < levels.size(); ++i) {
    CheckRequiredText(levels[i], 500, absl::StrCat(field, "[", i, "]"), v);
  }
}

void CheckGoalCommon(const v1::Goal& g, const std::string& prefix, FieldViolations& v) {
  CheckRequiredText(g.title(), 500, prefix + "title", v);
  CheckArea(g.area(), prefix + "area", v);
  if (g.has_target_date() && !DayOf(g.target_date())) {
    v.Add(prefix + "target_date", "must be a real calendar date");
  }
  if (g.weight() < 0 || g.weight() > 10) v.Add(prefix + "weight", "must be 1..10 (0 means 1)");
}

void CheckGoalRef(const std::string& goal, const ResourceName& client, const std::string& field,
                  FieldViolations& v) {
  if (!GoalIdOf(goal, client)) v.Add(field, "must be a goal of this client");
}

}  // namespace

void CheckNewMeeting(const v1::Meeting& m, const ResourceName& client, FieldViolations& v) {
  CheckAssignment(m.assignment(), client, "meeting.assignment", v);
  if (m.kind() == v1::Meeting::KIND_UNSPECIFIED || !v1::Meeting::Kind_IsValid(m.kind())) {
    v.Add("meeting.kind", "must be INITIAL, REVIEW or CLOSING");
  }
  if (!m.has_scheduled_time()) {  // its range is checked at the edge (CheckTimestamps)
    v.Add("meeting.scheduled_time", "is required");
  }
  CheckOptionalText(m.place(), 200, "meeting.place", v);
}

void CheckOutcome(const google::protobuf::Timestamp* held_time,
                  const google::protobuf::RepeatedPtrField<v1::Participant>& participants,
                  const google::protobuf::RepeatedPtrField<v1::SupportNeed>& support_needs,
                  const std::string& summary, const std::string& prefix, absl::Time now,
                  FieldViolations& v) {
  if (held_time == nullptr) {
    v.Add(prefix + "held_time", "is required");
  } else {
    CheckHappened(*held_time, now, prefix + "held_time", v);
  }
  if (participants.empty()) v.Add(prefix + "participants", "at least one participant is required");
  for (int i = 0; i < participants.size(); ++i) {
    const v1::Participant& p = participants[i];
    const std::string at = absl::StrCat(prefix, "participants[", i, "].");
    CheckOptionalText(p.display_name(), 200, at + "display_name", v);
    switch (p.role()) {
      case v1::Participant::CLIENT:
        break;
      case v1::Participant::SOCIAL_WORKER:
        CheckRequiredText(p.identity(), 200, at + "identity", v);
        break;
      case v1::Participant::GUIDE:
        if (!ParseResourceName(p.identity(), "guides")) {
          v.Add(at + "identity",
                "must be the guide's name, organizations/{organization}/guides/{uuid}");
        }
        break;
      case v1::Participant::OTHER:
        CheckRequiredText(p.display_name(), 200, at + "display_name", v);
        CheckOptionalText(p.identity(), 200, at + "identity", v);
        break;
      default:
        v.Add(at + "role", "must be CLIENT, SOCIAL_WORKER, GUIDE or OTHER");
    }
  }
  for (int i = 0; i < support_needs.size(); ++i) {
    const std::string at = absl::StrCat(prefix, "support_needs[", i, "].");
    CheckArea(support_needs[i].area(), at + "area", v);
    CheckRequiredText(support_needs[i].description(), 2000, at + "description", v);
  }
  CheckOptionalProse(summary, 8000, prefix + "summary", v);
}

void CheckRecordOutcome(const v1::RecordMeetingOutcomeRequest& r, const ResourceName& client,
                        absl::Time now, FieldViolations& v) {
  CheckOutcome(r.has_held_time() ? &r.held_time() : nullptr, r.participants(), r.support_needs(),
               r.summary(), "", now, v);
  for (int i = 0; i < r.agreed_goals_size(); ++i) {
    const v1::AgreedGoal& g = r.agreed_goals(i);
    const std::string at = absl::StrCat("agreed_goals[", i, "].");
    CheckGoalCommon(GoalOf(g), at, v);
    CheckGasLevels(g.gas_levels(), /*required=*/true, at + "gas_levels", v);
    if (!g.goal_id().empty() && !IsUuid(g.goal_id())) v.Add(at + "goal_id", "must be a UUID");
  }
  for (int i = 0; i < r.goal_closings_size(); ++i) {
    const v1::GoalClosing& c = r.goal_closings(i);
    const std::string at = absl::StrCat("goal_closings[", i, "].");
    CheckGoalRef(c.goal(), client, at + "goal", v);
    if (c.final_state() != v1::Goal::ACHIEVED && c.final_state() != v1::Goal::NOT_ACHIEVED &&
        c.final_state() != v1::Goal::DROPPED) {
      v.Add(at + "final_state", "must be ACHIEVED, NOT_ACHIEVED or DROPPED");
    }
  }
  CheckGoalRatings(r.goal_ratings(), client, "goal_ratings", v);
  if (!r.request_id().empty() && !IsUuid(r.request_id())) v.Add("request_id", "must be a UUID");
}

void CheckNewGoal(const v1::Goal& g, const ResourceName& client, FieldViolations& v) {
  CheckAssignment(g.assignment(), client, "goal.assignment", v);
  CheckGoalCommon(g, "goal.", v);
  CheckGasLevels(g.gas_levels(), /*required=*/false, "goal.gas_levels", v);
  if (g.state() != v1::Goal::STATE_UNSPECIFIED && g.state() != v1::Goal::PROPOSED) {
    v.Add("goal.state", "a goal is created PROPOSED and agreed at a meeting or by UpdateGoal");
  }
}

void CheckGoalFields(const v1::Goal& g, const std::set<std::string>& fields, FieldViolations& v) {
  if (fields.count("title")) CheckRequiredText(g.title(), 500, "goal.title", v);
  if (fields.count("area")) CheckArea(g.area(), "goal.area", v);
  if (fields.count("gas_levels")) {
    CheckGasLevels(g.gas_levels(), /*required=*/false, "goal.gas_levels", v);
  }
  if (fields.count("target_date") && g.has_target_date() && !DayOf(g.target_date())) {
    v.Add("goal.target_date", "must be a real calendar date");
  }
  if (fields.count("weight") && (g.weight() < 0 || g.weight() > 10)) {
    v.Add("goal.weight", "must be 1..10 (0 means 1)");
  }
  if (fields.count("state") &&
      (g.state() == v1::Goal::STATE_UNSPECIFIED || !v1::Goal::State_IsValid(g.state()))) {
    v.Add("goal.state", "must be PROPOSED, AGREED, ACHIEVED, NOT_ACHIEVED or DROPPED");
  }
}

}  // namespace rinnalla::meetings
