#include "mapping.h"

#include "experience_areas.h"
#include "proto_time.h"
#include "requests.h"
#include "resource_names.h"

namespace rinnalla::matching {

v1::Referral ToProto(const storage::ReferralRecord& r) {
  v1::Referral out;
  out.set_name(ResourceNameOf(r.org_id, "referrals", r.id));
  out.set_client(ResourceNameOf(r.org_id, "clients", r.client_id));
  AddExperienceAreas(r.needs, out.mutable_needs());
  out.mutable_languages()->Add(r.languages.begin(), r.languages.end());
  out.set_municipality(r.municipality);
  out.set_preferences(r.preferences);
  out.set_note(r.note);
  v1::Referral::State state;
  if (v1::Referral::State_Parse(r.state, &state)) out.set_state(state);
  out.set_cancel_reason(r.cancel_reason);
  out.set_etag(EtagOf(r.revision));
  SetTimestamp(r.create_time, out.mutable_create_time());
  SetTimestamp(r.update_time, out.mutable_update_time());
  return out;
}

v1::MatchExclusion ToProto(const storage::MatchExclusionRecord& e) {
  v1::MatchExclusion out;
  out.set_name(ResourceNameOf(e.org_id, "clients", e.client_id) + "/matchExclusions/" + e.id);
  out.set_guide(ResourceNameOf(e.org_id, "guides", e.guide_id));
  out.set_reason(e.reason);
  out.set_created_by(e.created_by);
  SetTimestamp(e.create_time, out.mutable_create_time());
  return out;
}

v1::Assignment ToProto(const storage::AssignmentRecord& a) {
  v1::Assignment out;
  out.set_name(ResourceNameOf(a.org_id, "assignments", a.id));
  out.set_client(ResourceNameOf(a.org_id, "clients", a.client_id));
  out.set_guide(ResourceNameOf(a.org_id, "guides", a.guide_id));
  out.set_referral(ResourceNameOf(a.org_id, "referrals", a.referral_id));
  v1::Assignment::State state;
  if (v1::Assignment::State_Parse(a.state, &state)) out.set_state(state);
  SetTimestamp(a.start_time, out.mutable_start_time());
  if (a.end_time) SetTimestamp(*a.end_time, out.mutable_end_time());
  v1::Assignment::EndReason reason;
  if (a.end_reason && v1::Assignment::EndReason_Parse(*a.end_reason, &reason)) {
    out.set_end_reason(reason);
  }
  out.set_end_note(a.end_note);
  out.set_etag(EtagOf(a.revision));
  SetTimestamp(a.update_time, out.mutable_update_time());
  if (a.first_meeting_time) SetTimestamp(*a.first_meeting_time, out.mutable_first_meeting_time());
  return out;
}

v1::GuideSuggestion ToProto(const std::string& org_id, const Suggestion& s) {
  v1::GuideSuggestion out;
  out.set_guide(ResourceNameOf(org_id, "guides", s.guide_id));
  out.set_display_name(s.display_name);
  out.set_score(s.score);
  for (const Reason& r : s.reasons) {
    v1::SuggestionReason* reason = out.add_reasons();
    reason->set_criterion(r.criterion);
    reason->set_contribution(r.contribution);
    reason->set_explanation(r.explanation);
    if (r.criterion == "NEEDS") {
      AddExperienceAreas(r.needs, reason->mutable_needs()->mutable_needs());
      AddExperienceAreas(r.covered_needs, reason->mutable_needs()->mutable_covered());
    } else if (r.criterion == "MUNICIPALITY") {
      reason->mutable_municipality()->set_municipality(r.municipality);
      reason->mutable_municipality()->set_guide_works_there(r.met);
    } else if (r.criterion == "CASELOAD") {
      reason->mutable_caseload()->set_places_taken(r.places_taken);
      reason->mutable_caseload()->set_places_free(r.places_free);
      reason->mutable_caseload()->set_max_active_clients(r.max_active_clients);
    } else if (r.criterion == "CONTINUITY") {
      reason->mutable_continuity()->set_guided_before(r.met);
    }
  }
  return out;
}

}  // namespace rinnalla::matching
