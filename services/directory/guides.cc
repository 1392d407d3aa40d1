#include "absl/strings/string_view.h"
#include "guides.h"

#include "listing.h"
#include "mapping.h"
#include "policy.h"
#include "requests.h"
#include "rinnalla/storage/status.h"
#include "validation.h"

namespace rinnalla::directory {
namespace {

absl::StatusOr<storage::GuideFilter> ReadGuideFilter(absl::string_view text) {
  ASSIGN_OR_RETURN(auto terms, ParseFilter(text, {"state", "experience_area", "language",
                                                  "municipality"}));
  storage::GuideFilter filter;
  FieldViolations v;
  for (const auto& [field, value] : terms) {
    if (field == "state") {
      v1::Guide::State state;
      if (!v1::Guide::State_Parse(value, &state) || state == v1::Guide::STATE_UNSPECIFIED) {
        v.Add("filter", "state must be IN_TRAINING, ACTIVE, ON_BREAK or INACTIVE");
      }
      filter.state = value;
    } else if (field == "experience_area") {
      v1::ExperienceArea area;
      if (!v1::ExperienceArea_Parse(value, &area) || area == v1::EXPERIENCE_AREA_UNSPECIFIED) {
        v.Add("filter", "experience_area must be one of the experience areas of the code list");
      }
      filter.experience_area = value;
    } else if (field == "language") {
      filter.language = value;
    } else {
      filter.municipality = value;
    }
  }
  RETURN_IF_ERROR(v.ToStatus());
  return filter;
}

std::string Encode(const storage::GuideRecord& record) {
  return ToProto(record).SerializeAsString();
}

}  // namespace

absl::Status Guides::Create(const Call& call, const v1::CreateGuideRequest& request,
                            v1::Guide& out) {
  ASSIGN_OR_RETURN(std::string org_id, ReadParent(request.parent()));
  RETURN_IF_ERROR(policy_.Authorize(call, Action::kCreateGuide, org_id));
  FieldViolations v;
  CheckGuide(request.guide(), kGuideFields, /*creating=*/true, v);
  CheckOptionalUuid(request.guide_id(), "guide_id", v);
  CheckOptionalUuid(request.request_id(), "request_id", v);
  RETURN_IF_ERROR(v.ToStatus());

  storage::GuideRecord guide;
  guide.org_id = org_id;
  guide.id = IdOrNew(request.guide_id());
  ApplyFields(request.guide(), kGuideFields, guide);
  ASSIGN_OR_RETURN(auto outcome,
                   repository_.CreateGuide(
                       call.scope, guide,
                       IdempotencyKeyOf(request.request_id(), "CreateGuide", request), Encode));
  return DeliverCreated(outcome, [](const auto& r) { return ToProto(r); }, out);
}

absl::Status Guides::Get(const Call& call, const v1::GetGuideRequest& request, v1::Guide& out) {
  ASSIGN_OR_RETURN(ResourceName name, ReadName(request.name(), "guides"));
  RETURN_IF_ERROR(policy_.Authorize(call, Action::kReadGuide, name.org_id, request.name()));
  ASSIGN_OR_RETURN(storage::GuideRecord guide,
                   repository_.GetGuide(call.scope, name.org_id, name.id));
  out = ToProto(guide);
  return absl::OkStatus();
}

absl::Status Guides::List(const Call& call, const v1::ListGuidesRequest& request,
                          v1::ListGuidesResponse& out) {
  ASSIGN_OR_RETURN(std::string org_id, ReadParent(request.parent()));
  RETURN_IF_ERROR(policy_.Authorize(call, Action::kListGuides, org_id));
  ASSIGN_OR_RETURN(storage::GuideFilter filter, ReadGuideFilter(request.filter()));
  std::string query = request.parent() + "\n" + request.filter();
  ASSIGN_OR_RETURN(storage::PageRequest page_request,
                   ReadPageRequest(request.page_size(), request.page_token(), query));
  ASSIGN_OR_RETURN(auto page, repository_.ListGuides(call.scope, org_id, filter, page_request));
  for (const storage::GuideRecord& guide : page.items) *out.add_guides() = ToProto(guide);
  out.set_next_page_token(NextPageToken(page.next, query));
  return absl::OkStatus();
}

absl::Status Guides::Update(const Call& call, const v1::UpdateGuideRequest& request,
                            v1::Guide& out) {
  ASSIGN_OR_RETURN(ResourceName name, ReadName(request.guide().name(), "guides", "guide.name"));
  RETURN_IF_ERROR(
      policy_.Authorize(call, Action::kUpdateGuide, name.org_id, request.guide().name()));
  ASSIGN_OR_RETURN(auto fields, ReadUpdateMask(request.update_mask(), kGuideFields));
  FieldViolations v;
  CheckGuide(request.guide(), fields, /*creating=*/false, v);
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(std::optional<int64_t> revision, ReadEtag(request.guide().etag()));
  ASSIGN_OR_RETURN(storage::GuideRecord guide,
                   repository_.UpdateGuide(call.scope, name.org_id, name.id, revision,
                                           [&](storage::GuideRecord& record) {
                                             ApplyFields(request.guide(), fields, record);
                                             return absl::OkStatus();
                                           }));
  out = ToProto(guide);
  return absl::OkStatus();
}

}  // namespace rinnalla::directory
