#include "referrals.h"

#include <utility>

#include "client_access.h"
#include "experience_areas.h"
#include "field_rules.h"
#include "listing.h"
#include "mapping.h"
#include "requests.h"
#include "rinnalla/storage/status.h"
#include "validation.h"

namespace rinnalla::matching {
namespace {

std::string Encode(const storage::ReferralRecord& r) { return ToProto(r).SerializeAsString(); }

absl::StatusOr<storage::ReferralFilter> ReadReferralFilter(const std::string& org_id,
                                                           absl::string_view text) {
  ASSIGN_OR_RETURN(auto terms, ParseFilter(text, {"state", "client"}));
  storage::ReferralFilter filter;
  FieldViolations v;
  if (auto it = terms.find("state"); it != terms.end()) {
    v1::Referral::State state;
    if (!v1::Referral::State_Parse(it->second, &state) || state == v1::Referral::STATE_UNSPECIFIED) {
      v.Add("filter", "state must be OPEN, MATCHED or CANCELLED");
    }
    filter.state = it->second;
  }
  if (auto it = terms.find("client"); it != terms.end()) {
    std::optional<ResourceName> client = ParseResourceName(it->second, "clients");
    if (!client || client->org_id != org_id) {
      v.Add("filter", "client must be a client of the parent organization");
    } else {
      filter.client_id = client->id;
    }
  }
  RETURN_IF_ERROR(v.ToStatus());
  return filter;
}

}  // namespace

absl::StatusOr<std::string> Referrals::ClientOf(const Call& call, const std::string& org_id,
                                                const v1::Referral& referral) {
  if (!referral.client().empty()) return ParseResourceName(referral.client(), "clients")->id;
  ASSIGN_OR_RETURN(
      std::optional<std::string> client,
      repository_.FindClientByExternalRef(
          call.scope, org_id, {referral.external_ref().system(), referral.external_ref().id()}));
  if (!client) {
    return WithReason(absl::NotFoundError("no client of the organization has this external_ref"),
                      "CLIENT_NOT_FOUND");
  }
  return *client;
}

absl::Status Referrals::Authorize(const Call& call, Action action, const ResourceName& name) {
  return access_.AuthorizeOwned(call, action, name.org_id, [&] {
    return repository_.ReferralClient(call.scope, name.org_id, name.id);
  });
}

absl::Status Referrals::Create(const Call& call, const v1::CreateReferralRequest& request,
                               v1::Referral& out) {
  ASSIGN_OR_RETURN(std::string org_id, ReadParent(request.parent()));
  const v1::Referral& in = request.referral();
  // The policy decides by role; a refusal is filed under the client the referral is for: the one
  // it names, or the one of the organization that its record-system id finds.
  if (std::optional<ResourceName> named = ParseResourceName(in.client(), "clients")) {
    RETURN_IF_ERROR(access_.AuthorizeIn(call, Action::kCreateReferral, org_id, named));
  } else {
    RETURN_IF_ERROR(access_.AuthorizeOwned(
        call, Action::kCreateReferral, org_id, [&]() -> absl::StatusOr<std::string> {
          if (!in.client().empty() || !in.has_external_ref()) {
            return absl::NotFoundError("the referral names no client");
          }
          return ClientOf(call, org_id, in);
        }));
  }
  FieldViolations v;
  CheckReferral(in, org_id, v);
  CheckOptionalUuid(request.referral_id(), "referral_id", v);
  CheckOptionalUuid(request.request_id(), "request_id", v);
  RETURN_IF_ERROR(v.ToStatus());

  storage::ReferralRecord referral;
  referral.org_id = org_id;
  referral.id = IdOrNew(request.referral_id());
  ASSIGN_OR_RETURN(referral.client_id, ClientOf(call, org_id, in));
  referral.needs = ExperienceAreaNames(in.needs());
  referral.languages.assign(in.languages().begin(), in.languages().end());
  referral.municipality = in.municipality();
  referral.preferences = in.preferences();
  referral.note = in.note();
  ASSIGN_OR_RETURN(auto outcome,
                   repository_.CreateReferral(
                       call.scope, referral,
                       IdempotencyKeyOf(request.request_id(), "CreateReferral", request), Encode));
  return DeliverCreated(outcome, [](const auto& r) { return ToProto(r); }, out);
}

absl::Status Referrals::Get(const Call& call, const v1::GetReferralRequest& request,
                            v1::Referral& out) {
  ASSIGN_OR_RETURN(ResourceName name, ReadName(request.name(), "referrals"));
  RETURN_IF_ERROR(Authorize(call, Action::kReadReferral, name));
  ASSIGN_OR_RETURN(storage::ReferralRecord referral, repository_.GetReferral(call.scope, name.id));
  out = ToProto(referral);
  return absl::OkStatus();
}

absl::Status Referrals::List(const Call& call, const v1::ListReferralsRequest& request,
                             v1::ListReferralsResponse& out) {
  ASSIGN_OR_RETURN(std::string org_id, ReadParent(request.parent()));
  ASSIGN_OR_RETURN(storage::ReferralFilter filter, ReadReferralFilter(org_id, request.filter()));
  // A list of one client's referrals: a refusal is filed under that client.
  std::optional<ResourceName> client;
  if (filter.client_id) client = ResourceName{org_id, *filter.client_id};
  RETURN_IF_ERROR(access_.AuthorizeIn(call, Action::kReadReferral, org_id, client));
  const std::string query = request.parent() + "\n" + request.filter();
  ASSIGN_OR_RETURN(storage::PageRequest page,
                   ReadPageRequest(request.page_size(), request.page_token(), query));
  ASSIGN_OR_RETURN(auto result, repository_.ListReferrals(call.scope, filter, page));
  for (const auto& referral : result.items) *out.add_referrals() = ToProto(referral);
  out.set_next_page_token(NextPageToken(result.next, query));
  return absl::OkStatus();
}

absl::Status Referrals::Cancel(const Call& call, const v1::CancelReferralRequest& request,
                               v1::Referral& out) {
  ASSIGN_OR_RETURN(ResourceName name, ReadName(request.name(), "referrals"));
  RETURN_IF_ERROR(Authorize(call, Action::kCancelReferral, name));
  FieldViolations v;
  CheckOptionalText(request.reason(), 1000, "reason", v);
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(storage::ReferralRecord referral,
                   repository_.CancelReferral(call.scope, name.id, request.reason()));
  out = ToProto(referral);
  return absl::OkStatus();
}

absl::Status Referrals::Suggest(const Call& call, const v1::SuggestGuidesRequest& request,
                                v1::SuggestGuidesResponse& out) {
  ASSIGN_OR_RETURN(ResourceName name, ReadName(request.referral(), "referrals", "referral"));
  RETURN_IF_ERROR(Authorize(call, Action::kSuggestGuides, name));
  if (request.max_results() < 0) {
    FieldViolations v;
    v.Add("max_results", "must not be negative");
    return v.ToStatus();
  }
  const int max_results = request.max_results() == 0
                              ? kDefaultSuggestions
                              : std::min(request.max_results(), kMaxSuggestions);
  std::optional<GuidePools::Held> held = pools_.Find(name.org_id);
  ASSIGN_OR_RETURN(
      storage::SuggestionContext context,
      repository_.LoadSuggestionContext(call.scope, name.id, held ? held->snapshot : ""));
  std::shared_ptr<const storage::GuidePool> pool;
  if (held) {
    pool = pools_.Apply(name.org_id, *held, context);
  } else {
    ASSIGN_OR_RETURN(pool, pools_.Reload(call.scope, name.org_id));
  }
  Ranking ranking(context.referral, weights_, max_results);
  OfferCandidates(*pool, context, ranking);
  for (const Suggestion& s : std::move(ranking).Best()) {
    *out.add_suggestions() = ToProto(name.org_id, s);
  }
  return absl::OkStatus();
}

}  // namespace rinnalla::matching
