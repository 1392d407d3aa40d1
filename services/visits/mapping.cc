#include "mapping.h"

#include "code_lists.h"
#include "proto_time.h"
#include "requests.h"
#include "resource_names.h"

namespace rinnalla::visits {
namespace {

int ValueOf(const google::protobuf::EnumDescriptor& list, const std::string& name) {
  const auto* found = list.FindValueByName(name);
  return found ? found->number() : 0;
}

}  // namespace

storage::VisitContent ContentOf(const v1::Visit& visit) {
  storage::VisitContent c;
  c.start_time = absl::FromUnixMicros(absl::ToUnixMicros(FromTimestamp(visit.start_time())));
  c.duration_minutes = visit.duration_minutes();
  c.mode = v1::Visit::Mode_Name(visit.mode());
  c.places = CodeNames(*v1::ServicePlace_descriptor(), visit.places());
  for (const std::string& goal : visit.goals()) {
    if (auto name = ParseChildName(goal, "clients", "goals")) c.goal_ids.push_back(name->id);
  }
  c.summary = visit.summary();
  for (const v1::PlaceOutcome& o : visit.place_outcomes()) {
    c.outcomes.push_back({v1::ServicePlace_Name(o.place()),
                          v1::PlaceOutcome::Appointment_Name(o.appointment()),
                          CodeNames(*v1::PlaceOutcome::Action_descriptor(), o.actions()),
                          v1::PlaceOutcome::Acting_Name(o.acting()), o.note()});
  }
  return c;
}

void SetContent(const storage::VisitContent& c, const std::string& org_id,
                const std::string& client_id, v1::Visit* out) {
  SetTimestamp(c.start_time, out->mutable_start_time());
  out->set_duration_minutes(c.duration_minutes);
  out->set_mode(static_cast<v1::Visit::Mode>(ValueOf(*v1::Visit::Mode_descriptor(), c.mode)));
  AddCodes(*v1::ServicePlace_descriptor(), c.places, out->mutable_places());
  for (const std::string& goal : c.goal_ids) {
    out->add_goals(ClientChildNameOf(org_id, client_id, "goals", goal));
  }
  out->set_summary(c.summary);
  for (const storage::PlaceOutcomeRecord& o : c.outcomes) {
    v1::PlaceOutcome* p = out->add_place_outcomes();
    p->set_place(static_cast<v1::ServicePlace>(ValueOf(*v1::ServicePlace_descriptor(), o.place)));
    p->set_appointment(static_cast<v1::PlaceOutcome::Appointment>(
        ValueOf(*v1::PlaceOutcome::Appointment_descriptor(), o.appointment)));
    AddCodes(*v1::PlaceOutcome::Action_descriptor(), o.actions, p->mutable_actions());
    p->set_acting(static_cast<v1::PlaceOutcome::Acting>(
        ValueOf(*v1::PlaceOutcome::Acting_descriptor(), o.acting)));
    p->set_note(o.note);
  }
}

v1::Visit ToProto(const storage::VisitRecord& v) {
  v1::Visit out;
  out.set_name(ClientChildNameOf(v.org_id, v.client_id, "visits", v.id));
  out.set_assignment(ResourceNameOf(v.org_id, "assignments", v.assignment_id));
  out.set_guide(ResourceNameOf(v.org_id, "guides", v.guide_id));
  SetContent(v.content, v.org_id, v.client_id, &out);
  out.set_revision(v.revision);
  out.set_summary_withheld(v.text_withheld);
  for (const auto& note : v.correction_notes) *out.add_correction_notes() = ToProto(note);
  out.set_etag(EtagOf(v.revision));
  SetTimestamp(v.create_time, out.mutable_create_time());
  SetTimestamp(v.update_time, out.mutable_update_time());
  return out;
}

v1::VisitRevision ToProto(const storage::VisitRevisionRecord& r, const std::string& org_id,
                          const std::string& client_id, const std::string& visit_id) {
  v1::VisitRevision out;
  v1::Visit* visit = out.mutable_visit();
  visit->set_name(ClientChildNameOf(org_id, client_id, "visits", visit_id));
  SetContent(r.content, org_id, client_id, visit);
  visit->set_revision(r.revision);
  visit->set_summary_withheld(r.text_withheld);
  out.set_reason(r.reason);
  out.set_author(r.author);
  SetTimestamp(r.create_time, out.mutable_create_time());
  return out;
}

v1::VisitCorrectionNote ToProto(const storage::VisitCorrectionNoteRecord& n) {
  v1::VisitCorrectionNote out;
  out.set_name(ClientChildNameOf(n.org_id, n.client_id, "visits", n.visit_id) +
               "/correctionNotes/" + n.id);
  out.set_text(n.text);
  out.set_author(n.author);
  out.set_author_role(n.author_role);
  SetTimestamp(n.create_time, out.mutable_create_time());
  return out;
}

v1::VisitTotals ToProto(const storage::VisitTotalsRecord& t) {
  v1::VisitTotals out;
  out.set_visits(t.visits);
  out.set_minutes(t.minutes);
  out.set_hours(static_cast<double>(t.minutes) / 60.0);
  out.set_accompanied_visits(t.accompanied_visits);
  // In the code list's order.
  const auto& places = *v1::ServicePlace_descriptor();
  for (int i = 0; i < places.value_count(); ++i) {
    auto it = t.accompanied_by_place.find(places.value(i)->name());
    if (it == t.accompanied_by_place.end()) continue;
    v1::PlaceVisits* p = out.add_accompanied_by_place();
    p->set_place(static_cast<v1::ServicePlace>(places.value(i)->number()));
    p->set_accompanied_visits(it->second.accompanied_visits);
    p->set_appointments_kept(it->second.appointments_kept);
  }
  for (int i = 0; i < places.value_count(); ++i) {
    auto it = t.by_place.find(places.value(i)->name());
    if (it == t.by_place.end()) continue;
    v1::PlaceHours* p = out.add_by_place();
    p->set_place(static_cast<v1::ServicePlace>(places.value(i)->number()));
    p->set_visits(it->second.visits);
    p->set_minutes(it->second.minutes);
    p->set_hours(static_cast<double>(it->second.minutes) / 60.0);
  }
  return out;
}

}  // namespace rinnalla::visits
