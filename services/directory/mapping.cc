#include "mapping.h"

#include "experience_areas.h"
#include "proto_time.h"
#include "requests.h"
#include "resource_names.h"

namespace rinnalla::directory {

v1::Guide ToProto(const storage::GuideRecord& r) {
  v1::Guide g;
  g.set_name(ResourceNameOf(r.org_id, "guides", r.id));
  g.set_display_name(r.display_name);
  AddExperienceAreas(r.experience_areas, g.mutable_experience_areas());
  g.mutable_languages()->Add(r.languages.begin(), r.languages.end());
  g.mutable_municipalities()->Add(r.municipalities.begin(), r.municipalities.end());
  g.set_max_active_clients(r.max_active_clients);
  v1::Guide::State state;
  if (v1::Guide::State_Parse(r.state, &state)) g.set_state(state);
  g.set_active_client_count(r.active_client_count);
  g.set_etag(EtagOf(r.revision));
  SetTimestamp(r.create_time, g.mutable_create_time());
  SetTimestamp(r.update_time, g.mutable_update_time());
  return g;
}

v1::Client ToProto(const storage::ClientRecord& r) {
  v1::Client c;
  c.set_name(ResourceNameOf(r.org_id, "clients", r.id));
  c.set_display_name(r.display_name);
  for (const storage::ExternalRefRecord& ref : r.external_refs) {
    v1::ExternalRef* out = c.add_external_refs();
    out->set_system(ref.system);
    out->set_id(ref.id);
  }
  c.set_birth_year(r.birth_year.value_or(0));
  c.set_municipality(r.municipality.value_or(""));
  c.mutable_languages()->Add(r.languages.begin(), r.languages.end());
  v1::Client::State state;
  if (v1::Client::State_Parse(r.state, &state)) c.set_state(state);
  c.set_etag(EtagOf(r.revision));
  SetTimestamp(r.create_time, c.mutable_create_time());
  SetTimestamp(r.update_time, c.mutable_update_time());
  return c;
}

void ApplyFields(const v1::Guide& from, const std::set<std::string>& fields,
                 storage::GuideRecord& to) {
  if (fields.contains("display_name")) to.display_name = from.display_name();
  if (fields.contains("experience_areas")) {
    to.experience_areas = ExperienceAreaNames(from.experience_areas());
  }
  if (fields.contains("languages")) to.languages.assign(from.languages().begin(), from.languages().end());
  if (fields.contains("municipalities")) {
    to.municipalities.assign(from.municipalities().begin(), from.municipalities().end());
  }
  if (fields.contains("max_active_clients")) to.max_active_clients = from.max_active_clients();
  if (fields.contains("state")) {
    to.state = v1::Guide::State_Name(from.state() == v1::Guide::STATE_UNSPECIFIED
                                         ? v1::Guide::IN_TRAINING
                                         : from.state());
  }
}

void ApplyFields(const v1::Client& from, const std::set<std::string>& fields,
                 storage::ClientRecord& to) {
  if (fields.contains("display_name")) to.display_name = from.display_name();
  if (fields.contains("external_refs")) {
    to.external_refs.clear();
    for (const v1::ExternalRef& ref : from.external_refs()) {
      to.external_refs.push_back({ref.system(), ref.id()});
    }
  }
  if (fields.contains("birth_year")) {
    to.birth_year = from.birth_year() == 0 ? std::nullopt : std::optional<int>(from.birth_year());
  }
  if (fields.contains("municipality")) {
    to.municipality =
        from.municipality().empty() ? std::nullopt : std::optional<std::string>(from.municipality());
  }
  if (fields.contains("languages")) to.languages.assign(from.languages().begin(), from.languages().end());
  if (fields.contains("state")) {
    to.state = v1::Client::State_Name(from.state() == v1::Client::STATE_UNSPECIFIED
                                          ? v1::Client::ACTIVE
                                          : from.state());
  }
}

}  // namespace rinnalla::directory
