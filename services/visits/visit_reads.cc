#include "visit_reads.h"

#include "absl/time/time.h"
#include "listing.h"
#include "mapping.h"
#include "requests.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::visits {
namespace {

absl::Status BadFilter(const std::string& description) {
  FieldViolations v;
  v.Add("filter", description);
  return v.ToStatus();
}

// guide = "...", mode = ..., start_time >= / > / < / <= "RFC 3339 time".
absl::StatusOr<storage::VisitFilter> ReadVisitFilter(const std::string& org_id,
                                                     absl::string_view text) {
  ASSIGN_OR_RETURN(
      std::vector<FilterTerm> terms,
      ParseFilterTerms(
          text, {{"guide", {"="}}, {"mode", {"="}}, {"start_time", {">=", ">", "<", "<="}}}));
  storage::VisitFilter filter;
  for (const FilterTerm& term : terms) {
    if (term.field == "guide") {
      std::optional<ResourceName> guide = ParseResourceName(term.value, "guides");
      if (!guide || guide->org_id != org_id) {
        return BadFilter("guide must name a guide of the organization");
      }
      filter.guide_id = guide->id;
    } else if (term.field == "mode") {
      v1::Visit::Mode mode;
      if (!v1::Visit::Mode_Parse(term.value, &mode) || mode == v1::Visit::MODE_UNSPECIFIED) {
        return BadFilter("mode must be IN_PERSON, PHONE, VIDEO or ACCOMPANIED");
      }
      filter.mode = term.value;
    } else {
      RETURN_IF_ERROR(ApplyTimeTerm(term, filter.from, filter.until));
    }
  }
  return filter;
}

}  // namespace

absl::StatusOr<VisitName> ReadVisitName(absl::string_view name, const std::string& field) {
  std::optional<ChildName> parsed = ParseChildName(name, "clients", "visits");
  if (!parsed) {
    FieldViolations v;
    v.Add(field, "must be organizations/{organization}/clients/{uuid}/visits/{uuid}");
    return v.ToStatus();
  }
  return VisitName{{parsed->org_id, parsed->parent_id}, parsed->id};
}

absl::Status VisitReads::Get(const Call& call, const v1::GetVisitRequest& request,
                             v1::Visit& out) const {
  ASSIGN_OR_RETURN(VisitName name, ReadVisitName(request.name(), "name"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kReadVisits, name.client));
  auto visit = repository_.GetVisit(call.scope, name.client.id, name.id);
  RETURN_IF_ERROR(access_.Finish(call, name.client, visit.status()));
  out = ToProto(*visit);
  return absl::OkStatus();
}

absl::Status VisitReads::List(const Call& call, const v1::ListVisitsRequest& request,
                              v1::ListVisitsResponse& out) const {
  std::optional<ResourceName> client = ParseResourceName(request.parent(), "clients");
  std::optional<std::string> org = ParseOrganizationName(request.parent());
  if (client) org = client->org_id;
  if (!org) {
    FieldViolations v;
    v.Add("parent", "must be organizations/{organization} or a client of it");
    return v.ToStatus();
  }
  if (client) RETURN_IF_ERROR(access_.Authorize(call, Action::kReadVisits, *client));
  // Across clients the filter decides: a guide lists with `guide = <themselves>`.
  ASSIGN_OR_RETURN(storage::VisitFilter filter, ReadVisitFilter(*org, request.filter()));
  if (client) {
    filter.client_id = client->id;
  } else {
    const std::string guide =
        filter.guide_id ? ResourceNameOf(*org, "guides", *filter.guide_id) : "";
    RETURN_IF_ERROR(access_.policy().Authorize(call, Action::kReadVisits, *org, guide));
  }
  const std::string query = request.parent() + "\n" + request.filter();
  ASSIGN_OR_RETURN(storage::PageRequest page,
                   ReadPageRequest(request.page_size(), request.page_token(), query));
  auto result = repository_.ListVisits(call.scope, filter, page);
  if (client) RETURN_IF_ERROR(access_.Finish(call, *client, result.status()));
  RETURN_IF_ERROR(result.status());
  for (const auto& visit : result->items) *out.add_visits() = ToProto(visit);
  out.set_next_page_token(NextPageToken(result->next, query));
  return absl::OkStatus();
}

absl::Status VisitReads::ListRevisions(const Call& call,
                                       const v1::ListVisitRevisionsRequest& request,
                                       v1::ListVisitRevisionsResponse& out) const {
  ASSIGN_OR_RETURN(VisitName name, ReadVisitName(request.name(), "name"));
  RETURN_IF_ERROR(access_.Authorize(call, Action::kReadVisits, name.client));
  auto revisions = repository_.ListVisitRevisions(call.scope, name.client.id, name.id);
  RETURN_IF_ERROR(access_.Finish(call, name.client, revisions.status()));
  for (const auto& r : *revisions) {
    *out.add_revisions() = ToProto(r, name.client.org_id, name.client.id, name.id);
  }
  return absl::OkStatus();
}

}  // namespace rinnalla::visits
