#include "exclusions.h"

#include "field_rules.h"
#include "listing.h"
#include "mapping.h"
#include "requests.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::matching {
namespace {

std::string Encode(const storage::MatchExclusionRecord& e) {
  return ToProto(e).SerializeAsString();
}

}  // namespace

absl::Status Exclusions::Add(const Call& call, const v1::AddMatchExclusionRequest& request,
                             v1::MatchExclusion& out) {
  ASSIGN_OR_RETURN(ResourceName client, ReadName(request.parent(), "clients", "parent"));
  const v1::MatchExclusion& in = request.match_exclusion();
  // A guide may exclude themselves: the guide named decides.
  RETURN_IF_ERROR(access_.Authorize(call, Action::kAddMatchExclusion, client, in.guide()));
  FieldViolations v;
  std::optional<ResourceName> guide = ParseResourceName(in.guide(), "guides");
  if (!guide || guide->org_id != client.org_id) {
    v.Add("match_exclusion.guide", "must be a guide of the client's organization");
  }
  CheckOptionalText(in.reason(), 1000, "match_exclusion.reason", v);
  CheckOptionalUuid(request.request_id(), "request_id", v);
  RETURN_IF_ERROR(v.ToStatus());
  storage::MatchExclusionRecord exclusion;
  exclusion.org_id = client.org_id;
  exclusion.client_id = client.id;
  exclusion.guide_id = guide->id;
  exclusion.reason = in.reason();
  auto outcome = repository_.AddExclusion(
      call.scope, exclusion, IdempotencyKeyOf(request.request_id(), "AddMatchExclusion", request),
      Encode);
  RETURN_IF_ERROR(access_.Finish(call, client, outcome.status()));
  RETURN_IF_ERROR(DeliverCreated(*outcome, [](const auto& e) { return ToProto(e); }, out));
  // The reason is for staff; a guide gets back that the exclusion exists.
  if (call.principal.role == Role::kGuide) out.clear_reason();
  return absl::OkStatus();
}

absl::Status Exclusions::List(const Call& call, const v1::ListMatchExclusionsRequest& request,
                              v1::ListMatchExclusionsResponse& out) {
  ASSIGN_OR_RETURN(ResourceName client, ReadName(request.parent(), "clients", "parent"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kReadMatchExclusions, client));
  ASSIGN_OR_RETURN(storage::PageRequest page,
                   ReadPageRequest(request.page_size(), request.page_token(), request.parent()));
  auto result = repository_.ListExclusions(call.scope, client.id, page);
  RETURN_IF_ERROR(access_.Finish(call, client, result.status()));
  for (const auto& e : result->items) *out.add_match_exclusions() = ToProto(e);
  out.set_next_page_token(NextPageToken(result->next, request.parent()));
  return absl::OkStatus();
}

absl::Status Exclusions::Remove(const Call& call, const v1::RemoveMatchExclusionRequest& request,
                                google::protobuf::Empty&) {
  std::optional<ChildName> name = ParseChildName(request.name(), "clients", "matchExclusions");
  if (!name) {
    FieldViolations v;
    v.Add("name", "must be organizations/{organization}/clients/{uuid}/matchExclusions/{uuid}");
    return v.ToStatus();
  }
  const ResourceName client{name->org_id, name->parent_id};
  RETURN_IF_ERROR(access_.Authorize(call, Action::kRemoveMatchExclusion, client));
  return access_.Finish(call, client, repository_.RemoveExclusion(call.scope, client.id, name->id));
}

}  // namespace rinnalla::matching
