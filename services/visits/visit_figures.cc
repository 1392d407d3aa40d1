#include "visit_figures.h"

#include "listing.h"
#include "mapping.h"
#include "proto_time.h"
#include "requests.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::visits {

absl::Status VisitFigures::Summarize(const Call& call, const v1::SummarizeVisitsRequest& request,
                                     v1::SummarizeVisitsResponse& out) const {
  ASSIGN_OR_RETURN(std::string org_id, ReadParent(request.parent()));
  ASSIGN_OR_RETURN(auto terms, ParseFilter(request.filter(), {"guide", "client"}));
  storage::VisitSummaryQuery query;
  FieldViolations v;
  std::optional<ResourceName> client;
  for (const auto& [field, value] : terms) {
    std::optional<ResourceName> named =
        ParseResourceName(value, field == "guide" ? "guides" : "clients");
    if (!named || named->org_id != org_id) {
      v.Add("filter", field + " must name a " + field + " of the organization");
    } else if (field == "guide") {
      query.guide_id = named->id;
    } else {
      query.client_id = named->id;
      client = named;
    }
  }
  // One client's figures: a refusal is filed under that client.
  RETURN_IF_ERROR(access_.AuthorizeIn(call, Action::kSummarizeVisits, org_id, client));
  if (!request.has_start_time()) v.Add("start_time", "is required");
  if (!request.has_end_time()) v.Add("end_time", "is required");
  if (request.has_start_time() && request.has_end_time()) {
    query.from = FromTimestamp(request.start_time());
    query.until = FromTimestamp(request.end_time());
    if (query.until <= query.from) v.Add("end_time", "must be after start_time");
  }
  RETURN_IF_ERROR(v.ToStatus());
  query.totals_only = request.totals_only();
  auto summary = repository_.SummarizeVisits(call.scope, query);
  if (client) RETURN_IF_ERROR(access_.Finish(call, *client, summary.status()));
  RETURN_IF_ERROR(summary.status());
  *out.mutable_totals() = ToProto(summary->totals);
  // Ordered by id, which orders the names too: they share their prefix.
  for (const auto& [guide, totals] : summary->by_guide) {
    v1::GuideVisitTotals* g = out.add_guides();
    g->set_guide(ResourceNameOf(org_id, "guides", guide));
    *g->mutable_totals() = ToProto(totals);
  }
  for (const auto& [client_id, totals] : summary->by_client) {
    v1::ClientVisitTotals* c = out.add_clients();
    c->set_client(ResourceNameOf(org_id, "clients", client_id));
    *c->mutable_totals() = ToProto(totals);
  }
  return absl::OkStatus();
}

}  // namespace rinnalla::visits
