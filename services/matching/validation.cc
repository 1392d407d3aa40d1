#include "validation.h"

#include "absl/strings/str_cat.h"
#include "experience_areas.h"
#include "field_rules.h"
#include "resource_names.h"

namespace rinnalla::matching {

void CheckReferral(const v1::Referral& r, const std::string& org_id, FieldViolations& v) {
  const bool by_name = !r.client().empty();
  const bool by_ref = r.has_external_ref();
  if (by_name == by_ref) {
    v.Add("referral.client", "give exactly one of client or external_ref");
  } else if (by_name) {
    std::optional<ResourceName> client = ParseResourceName(r.client(), "clients");
    if (!client || client->org_id != org_id) {
      v.Add("referral.client", "must be organizations/{organization}/clients/{uuid} of the parent");
    }
  } else {
    CheckRequiredText(r.external_ref().system(), 64, "referral.external_ref.system", v);
    CheckRequiredText(r.external_ref().id(), 128, "referral.external_ref.id", v);
  }
  if (r.needs().empty()) v.Add("referral.needs", "at least one need is required");
  CheckExperienceAreas(r.needs(), "referral.needs", v);
  CheckLanguages(r.languages(), /*required=*/true, "referral.languages", v);
  if (!IsMunicipalityCode(r.municipality())) {
    v.Add("referral.municipality", "must be a three-digit municipality code such as 398");
  }
  CheckOptionalText(r.preferences(), 1000, "referral.preferences", v);
  CheckOptionalText(r.note(), 4000, "referral.note", v);
}

void CheckEndAssignment(const v1::EndAssignmentRequest& request, FieldViolations& v) {
  if (request.end_reason() == v1::Assignment::END_REASON_UNSPECIFIED ||
      !v1::Assignment::EndReason_IsValid(request.end_reason())) {
    v.Add("end_reason",
          "must be GOALS_REACHED, CLIENT_DECLINED, CLIENT_MOVED, GUIDE_UNAVAILABLE, REMATCH or "
          "OTHER");
  }
  CheckOptionalText(request.note(), 4000, "note", v);
}

}  // namespace rinnalla::matching
