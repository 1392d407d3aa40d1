#include "absl/strings/string_view.h"
#include "validation.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "experience_areas.h"
#include "field_rules.h"

namespace rinnalla::directory {
namespace {

void CheckExternalRefs(const v1::Client& client, FieldViolations& v) {
  if (client.external_refs_size() > kMaxExternalRefs) {
    v.Add("client.external_refs", absl::StrCat("at most ", kMaxExternalRefs, " references"));
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (int i = 0; i < client.external_refs_size(); ++i) {
    const v1::ExternalRef& ref = client.external_refs(i);
    std::string field = absl::StrCat("client.external_refs[", i, "]");
    if (!IsRecordSystemName(ref.system())) {
      v.Add(field + ".system",
            "must be 1-64 lower-case letters, digits, '.', '-' or '_', such as apotti");
    }
    CheckRequiredText(ref.id(), 128, field + ".id", v);
    if (!seen.insert({ref.system(), ref.id()}).second) v.Add(field, "is listed twice");
  }
}

}  // namespace

bool IsRecordSystemName(absl::string_view system) {
  if (system.empty() || system.size() > 64 || !absl::ascii_isalnum(system[0])) return false;
  for (char c : system) {
    if (!(absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '.' || c == '-' || c == '_')) {
      return false;
    }
  }
  return true;
}

void CheckGuide(const v1::Guide& guide, const std::set<std::string>& fields, bool creating,
                FieldViolations& v) {
  if (fields.contains("display_name")) {
    CheckRequiredText(guide.display_name(), kMaxDisplayName, "guide.display_name", v);
  }
  if (fields.contains("experience_areas")) {
    CheckExperienceAreas(guide.experience_areas(), "guide.experience_areas", v);
  }
  if (fields.contains("languages")) {
    CheckLanguages(guide.languages(), /*required=*/true, "guide.languages", v);
  }
  if (fields.contains("municipalities")) {
    CheckMunicipalities(guide.municipalities(), "guide.municipalities", v);
  }
  if (fields.contains("max_active_clients") &&
      (guide.max_active_clients() < 1 || guide.max_active_clients() > 50)) {
    v.Add("guide.max_active_clients", "must be between 1 and 50");
  }
  if (fields.contains("state")) {
    bool unset = guide.state() == v1::Guide::STATE_UNSPECIFIED;
    if (!v1::Guide::State_IsValid(guide.state()) || (unset && !creating)) {
      v.Add("guide.state", "must be IN_TRAINING, ACTIVE, ON_BREAK or INACTIVE");
    }
  }
}

void CheckClient(const v1::Client& client, const std::set<std::string>& fields, bool creating,
                 absl::Time now, FieldViolations& v) {
  if (fields.contains("display_name")) {
    CheckRequiredText(client.display_name(), kMaxDisplayName, "client.display_name", v);
  }
  if (fields.contains("external_refs")) CheckExternalRefs(client, v);
  if (fields.contains("birth_year") && client.birth_year() != 0) {
    int this_year = absl::ToCivilYear(now, absl::UTCTimeZone()).year();
    if (client.birth_year() < 1900 || client.birth_year() > this_year) {
      v.Add("client.birth_year", absl::StrCat("must be between 1900 and ", this_year,
                                              ", or 0 when not given"));
    }
  }
  if (fields.contains("municipality") && !client.municipality().empty() &&
      !IsMunicipalityCode(client.municipality())) {
    v.Add("client.municipality", "must be a three-digit municipality code such as 398");
  }
  if (fields.contains("languages")) {
    CheckLanguages(client.languages(), /*required=*/false, "client.languages", v);
  }
  if (fields.contains("state")) {
    bool unset = client.state() == v1::Client::STATE_UNSPECIFIED;
    if (!v1::Client::State_IsValid(client.state()) || (unset && !creating)) {
      v.Add("client.state", "must be ACTIVE or CLOSED");
    }
  }
}

}  // namespace rinnalla::directory
