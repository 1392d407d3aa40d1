#include "assignments.h"

#include "client_access.h"
#include "errors.h"
#include "listing.h"
#include "mapping.h"
#include "requests.h"
#include "rinnalla/storage/status.h"
#include "validation.h"

namespace rinnalla::matching {
namespace {

std::string Encode(const storage::AssignmentRecord& a) { return ToProto(a).SerializeAsString(); }

absl::StatusOr<storage::AssignmentFilter> ReadAssignmentFilter(const std::string& org_id,
                                                               absl::string_view text) {
  ASSIGN_OR_RETURN(auto terms, ParseFilter(text, {"guide", "client", "state"}));
  storage::AssignmentFilter filter;
  FieldViolations v;
  for (const auto& [field, value] : terms) {
    if (field == "state") {
      v1::Assignment::State state;
      if (!v1::Assignment::State_Parse(value, &state) ||
          state == v1::Assignment::STATE_UNSPECIFIED) {
        v.Add("filter", "state must be ACTIVE, PAUSED or ENDED");
      }
      filter.state = value;
      continue;
    }
    std::optional<ResourceName> named =
        ParseResourceName(value, field == "guide" ? "guides" : "clients");
    if (!named || named->org_id != org_id) {
      v.Add("filter", field + " must name a " + field + " of the parent organization");
    } else {
      (field == "guide" ? filter.guide_id : filter.client_id) = named->id;
    }
  }
  RETURN_IF_ERROR(v.ToStatus());
  return filter;
}

}  // namespace

absl::Status Assignments::Authorize(const Call& call, Action action, const ResourceName& name,
                                    absl::string_view subject) {
  return access_.AuthorizeOwned(
      call, action, name.org_id,
      [&]() -> absl::StatusOr<std::string> {
        ASSIGN_OR_RETURN(auto parties,
                         repository_.AssignmentPartiesOf(call.scope, name.org_id, name.id));
        return parties.client_id;
      },
      subject);
}

absl::Status Assignments::Assign(const Call& call, const v1::AssignGuideRequest& request,
                                 v1::Assignment& out) {
  ASSIGN_OR_RETURN(ResourceName referral, ReadName(request.referral(), "referrals", "referral"));
  // A refusal is filed under the referral's client.
  RETURN_IF_ERROR(access_.AuthorizeOwned(call, Action::kAssignGuide, referral.org_id, [&] {
    return repository_.ReferralClient(call.scope, referral.org_id, referral.id);
  }));
  FieldViolations v;
  std::optional<ResourceName> guide = ParseResourceName(request.guide(), "guides");
  if (!guide || guide->org_id != referral.org_id) {
    v.Add("guide", "must be a guide of the referral's organization");
  }
  CheckOptionalUuid(request.request_id(), "request_id", v);
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(auto outcome,
                   repository_.AssignGuide(
                       call.scope, referral.id, guide->id,
                       IdempotencyKeyOf(request.request_id(), "AssignGuide", request), Encode));
  return DeliverCreated(outcome, [](const auto& a) { return ToProto(a); }, out);
}

absl::Status Assignments::Get(const Call& call, const v1::GetAssignmentRequest& request,
                              v1::Assignment& out) {
  ASSIGN_OR_RETURN(ResourceName name, ReadName(request.name(), "assignments"));
  std::string guide;
  if (call.principal.role == Role::kGuide && call.principal.org_id == name.org_id) {
    // A guide reads only their own assignments; a missing one looks the same as another's.
    auto parties = repository_.AssignmentPartiesOf(call.scope, name.org_id, name.id);
    if (!parties.ok() && parties.status().code() != absl::StatusCode::kNotFound) {
      return parties.status();
    }
    if (parties.ok()) guide = ResourceNameOf(name.org_id, "guides", parties->guide_id);
  }
  RETURN_IF_ERROR(Authorize(call, Action::kReadAssignment, name, guide));
  ASSIGN_OR_RETURN(storage::AssignmentRecord assignment,
                   repository_.GetAssignment(call.scope, name.id));
  out = ToProto(assignment);
  return absl::OkStatus();
}

absl::Status Assignments::List(const Call& call, const v1::ListAssignmentsRequest& request,
                               v1::ListAssignmentsResponse& out) {
  ASSIGN_OR_RETURN(std::string org_id, ReadParent(request.parent()));
  ASSIGN_OR_RETURN(storage::AssignmentFilter filter,
                   ReadAssignmentFilter(org_id, request.filter()));
  const std::string query = request.parent() + "\n" + request.filter();
  ASSIGN_OR_RETURN(storage::PageRequest page,
                   ReadPageRequest(request.page_size(), request.page_token(), query));
  // A guide lists with `guide = <themselves>`.
  const std::string guide_name =
      filter.guide_id ? ResourceNameOf(org_id, "guides", *filter.guide_id) : "";
  // A list of one client's assignments: a refusal is filed under that client.
  std::optional<ResourceName> client;
  if (filter.client_id) client = ResourceName{org_id, *filter.client_id};
  RETURN_IF_ERROR(access_.AuthorizeIn(call, Action::kListAssignments, org_id, client, guide_name));
  ASSIGN_OR_RETURN(auto result, repository_.ListAssignments(call.scope, filter, page));
  for (const auto& a : result.items) *out.add_assignments() = ToProto(a);
  out.set_next_page_token(NextPageToken(result.next, query));
  return absl::OkStatus();
}

absl::Status Assignments::Change(const Call& call, absl::string_view name_text,
                                 absl::string_view etag, const storage::AssignmentChange& change,
                                 const FieldViolations& problems, v1::Assignment& out) {
  ASSIGN_OR_RETURN(ResourceName name, ReadName(name_text, "assignments"));
  RETURN_IF_ERROR(Authorize(call, Action::kChangeAssignment, name));
  RETURN_IF_ERROR(problems.ToStatus());
  ASSIGN_OR_RETURN(std::optional<int64_t> revision, ReadEtag(etag));
  ASSIGN_OR_RETURN(storage::AssignmentRecord assignment,
                   repository_.ChangeAssignment(call.scope, name.id, revision, change));
  out = ToProto(assignment);
  return absl::OkStatus();
}

absl::Status Assignments::Pause(const Call& call, const v1::PauseAssignmentRequest& request,
                                v1::Assignment& out) {
  return Change(call, request.name(), request.etag(),
                {storage::AssignmentChange::Kind::kPause, "", ""}, {}, out);
}

absl::Status Assignments::Resume(const Call& call, const v1::ResumeAssignmentRequest& request,
                                 v1::Assignment& out) {
  return Change(call, request.name(), request.etag(),
                {storage::AssignmentChange::Kind::kResume, "", ""}, {}, out);
}

absl::Status Assignments::End(const Call& call, const v1::EndAssignmentRequest& request,
                              v1::Assignment& out) {
  FieldViolations v;
  CheckEndAssignment(request, v);
  return Change(call, request.name(), request.etag(),
                {storage::AssignmentChange::Kind::kEnd,
                 v1::Assignment::EndReason_Name(request.end_reason()), request.note()},
                v, out);
}

}  // namespace rinnalla::matching
