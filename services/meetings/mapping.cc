#include "mapping.h"

#include "absl/strings/str_cat.h"
#include "proto_time.h"
#include "requests.h"
#include "resource_names.h"

namespace rinnalla::meetings {
namespace {

v1::ExperienceArea AreaOf(const std::optional<std::string>& name) {
  v1::ExperienceArea area = v1::EXPERIENCE_AREA_UNSPECIFIED;
  if (name) v1::ExperienceArea_Parse(*name, &area);
  return area;
}

std::optional<std::string> AreaName(int area) {
  if (area == v1::EXPERIENCE_AREA_UNSPECIFIED) return std::nullopt;
  return v1::ExperienceArea_Name(static_cast<v1::ExperienceArea>(area));
}

}  // namespace

v1::MeetingOutcome ToProto(const storage::MeetingOutcomeRecord& r) {
  v1::MeetingOutcome o;
  o.set_revision(r.revision);
  SetTimestamp(r.held_time, o.mutable_held_time());
  for (const auto& p : r.participants) {
    v1::Participant* out = o.add_participants();
    v1::Participant::Role role = v1::Participant::ROLE_UNSPECIFIED;
    v1::Participant::Role_Parse(p.role, &role);
    out->set_role(role);
    out->set_identity(p.identity);
    out->set_display_name(p.display_name);
    out->set_present(p.present);
  }
  for (const auto& n : r.support_needs) {
    v1::SupportNeed* out = o.add_support_needs();
    out->set_area(AreaOf(n.area));
    out->set_description(n.description);
  }
  o.set_summary(r.summary);
  o.set_amend_reason(r.amend_reason);
  o.set_recorded_by(r.recorded_by);
  SetTimestamp(r.record_time, o.mutable_record_time());
  return o;
}

v1::Meeting ToProto(const storage::MeetingRecord& r) {
  v1::Meeting m;
  m.set_name(ClientChildNameOf(r.org_id, r.client_id, "meetings", r.id));
  m.set_assignment(ResourceNameOf(r.org_id, "assignments", r.assignment_id));
  v1::Meeting::Kind kind = v1::Meeting::KIND_UNSPECIFIED;
  v1::Meeting::Kind_Parse(r.kind, &kind);
  m.set_kind(kind);
  SetTimestamp(r.scheduled_time, m.mutable_scheduled_time());
  m.set_place(r.place);
  v1::Meeting::State state = v1::Meeting::STATE_UNSPECIFIED;
  v1::Meeting::State_Parse(r.state, &state);
  m.set_state(state);
  m.set_cancel_reason(r.cancel_reason);
  if (r.outcome) *m.mutable_outcome() = ToProto(*r.outcome);
  m.set_etag(EtagOf(r.revision));
  SetTimestamp(r.create_time, m.mutable_create_time());
  SetTimestamp(r.update_time, m.mutable_update_time());
  return m;
}

v1::Goal ToProto(const storage::GoalRecord& r) {
  v1::Goal g;
  g.set_name(ClientChildNameOf(r.org_id, r.client_id, "goals", r.id));
  g.set_assignment(ResourceNameOf(r.org_id, "assignments", r.assignment_id));
  g.set_title(r.title);
  g.set_area(AreaOf(r.area));
  for (const auto& level : r.gas_levels) g.add_gas_levels(level);
  if (r.target_date) SetDate(*r.target_date, g.mutable_target_date());
  v1::Goal::State state = v1::Goal::STATE_UNSPECIFIED;
  v1::Goal::State_Parse(r.state, &state);
  g.set_state(state);
  g.set_weight(r.weight);
  if (r.agreed_meeting_id) {
    g.set_agreed_meeting(
        ClientChildNameOf(r.org_id, r.client_id, "meetings", *r.agreed_meeting_id));
  }
  for (const auto& party : r.agreed_by) g.add_agreed_by(party);
  if (r.agree_time) SetTimestamp(*r.agree_time, g.mutable_agree_time());
  g.set_etag(EtagOf(r.revision));
  SetTimestamp(r.create_time, g.mutable_create_time());
  SetTimestamp(r.update_time, g.mutable_update_time());
  return g;
}

v1::InformationSharingConsent ToProto(const storage::ConsentRecord& r) {
  v1::InformationSharingConsent c;
  c.set_name(ClientChildNameOf(r.org_id, r.client_id, "informationSharingConsents", r.id));
  c.set_assignment(ResourceNameOf(r.org_id, "assignments", r.assignment_id));
  c.set_granted(r.granted);
  if (r.meeting_id)
    c.set_meeting(ClientChildNameOf(r.org_id, r.client_id, "meetings", *r.meeting_id));
  c.set_recorded_by(r.recorded_by);
  SetTimestamp(r.record_time, c.mutable_record_time());
  return c;
}

storage::MeetingOutcomeRecord OutcomeFromProto(
    const google::protobuf::Timestamp& held_time,
    const google::protobuf::RepeatedPtrField<v1::Participant>& participants,
    const google::protobuf::RepeatedPtrField<v1::SupportNeed>& support_needs,
    const std::string& summary) {
  storage::MeetingOutcomeRecord o;
  o.held_time = FromTimestamp(held_time);
  for (const auto& p : participants) {
    o.participants.push_back(
        {v1::Participant::Role_Name(p.role()), p.identity(), p.display_name(), p.present()});
  }
  for (const auto& n : support_needs)
    o.support_needs.push_back({AreaName(n.area()), n.description()});
  o.summary = summary;
  return o;
}

v1::Goal GoalOf(const v1::AgreedGoal& agreed) {
  v1::Goal goal;
  goal.set_title(agreed.title());
  goal.set_area(agreed.area());
  *goal.mutable_gas_levels() = agreed.gas_levels();
  if (agreed.has_target_date()) *goal.mutable_target_date() = agreed.target_date();
  goal.set_weight(agreed.weight());
  return goal;
}

storage::GoalRecord GoalFromProto(const v1::Goal& g) {
  storage::GoalRecord r;
  r.title = g.title();
  r.area = AreaName(g.area());
  r.gas_levels.assign(g.gas_levels().begin(), g.gas_levels().end());
  if (g.has_target_date()) r.target_date = DayOf(g.target_date());
  r.weight = g.weight() == 0 ? 1 : g.weight();
  r.state = g.state() == v1::Goal::STATE_UNSPECIFIED ? "PROPOSED" : v1::Goal::State_Name(g.state());
  return r;
}

}  // namespace rinnalla::meetings
