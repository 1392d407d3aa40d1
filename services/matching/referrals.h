#ifndef RINNALLA_SERVICES_MATCHING_REFERRALS_H_
#define RINNALLA_SERVICES_MATCHING_REFERRALS_H_

#include "absl/status/status.h"
#include "client_access.h"
#include "guide_pool.h"
#include "rinnalla/storage/matching_repository.h"
#include "rinnalla/v1/matching.pb.h"
#include "rpc.h"
#include "scoring.h"

namespace rinnalla::matching {

// Referrals to experience guidance, and the guides suggested for them.
class Referrals {
 public:
  Referrals(storage::MatchingRepository& repository, const ClientAccess& access,
            ScoringWeights weights)
      : repository_(repository), access_(access), weights_(weights), pools_(repository) {}

  absl::Status Create(const Call& call, const v1::CreateReferralRequest& request, v1::Referral& out);
  absl::Status Get(const Call& call, const v1::GetReferralRequest& request, v1::Referral& out);
  absl::Status List(const Call& call, const v1::ListReferralsRequest& request,
                    v1::ListReferralsResponse& out);
  absl::Status Cancel(const Call& call, const v1::CancelReferralRequest& request, v1::Referral& out);
  absl::Status Suggest(const Call& call, const v1::SuggestGuidesRequest& request,
                       v1::SuggestGuidesResponse& out);

 private:
  // The client a new referral names: by resource name, or by a record system's id.
  absl::StatusOr<std::string> ClientOf(const Call& call, const std::string& org_id,
                                       const v1::Referral& referral);
  // Authorizes `action` on the referral `name`; a refusal is filed under the referral's client.
  absl::Status Authorize(const Call& call, Action action, const ResourceName& name);

  storage::MatchingRepository& repository_;
  const ClientAccess& access_;
  ScoringWeights weights_;
  GuidePools pools_;
};

}  // namespace rinnalla::matching

#endif  // RINNALLA_SERVICES_MATCHING_REFERRALS_H_
