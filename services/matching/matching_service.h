#ifndef RINNALLA_SERVICES_MATCHING_MATCHING_SERVICE_H_
#define RINNALLA_SERVICES_MATCHING_MATCHING_SERVICE_H_

#include "assignments.h"
#include "exclusions.h"
#include "referrals.h"
#include "rinnalla/v1/matching.grpc.pb.h"
#include "rpc.h"

namespace rinnalla::matching {

// The Matching RPCs: each runs through the RpcRunner into referrals, exclusions or assignments.
class MatchingService final : public v1::Matching::StreamedUnaryService {
 public:
  MatchingService(storage::MatchingRepository& repository, const ClientAccess& access,
                  const RpcRunner& rpc, ScoringWeights weights)
      : rpc_(rpc),
        referrals_(repository, access, weights),
        exclusions_(repository, access),
        assignments_(repository, access) {}

  RINNALLA_DECLARE_RPC(CreateReferral, CreateReferralRequest, v1::Referral)
  RINNALLA_DECLARE_RPC(GetReferral, GetReferralRequest, v1::Referral)
  RINNALLA_DECLARE_RPC(ListReferrals, ListReferralsRequest, v1::ListReferralsResponse)
  RINNALLA_DECLARE_RPC(CancelReferral, CancelReferralRequest, v1::Referral)
  RINNALLA_DECLARE_RPC(AddMatchExclusion, AddMatchExclusionRequest, v1::MatchExclusion)
  RINNALLA_DECLARE_RPC(ListMatchExclusions, ListMatchExclusionsRequest,
                       v1::ListMatchExclusionsResponse)
  RINNALLA_DECLARE_RPC(RemoveMatchExclusion, RemoveMatchExclusionRequest, google::protobuf::Empty)
  RINNALLA_DECLARE_RPC(SuggestGuides, SuggestGuidesRequest, v1::SuggestGuidesResponse)
  RINNALLA_DECLARE_RPC(AssignGuide, AssignGuideRequest, v1::Assignment)
  RINNALLA_DECLARE_RPC(GetAssignment, GetAssignmentRequest, v1::Assignment)
  RINNALLA_DECLARE_RPC(ListAssignments, ListAssignmentsRequest, v1::ListAssignmentsResponse)
  RINNALLA_DECLARE_RPC(PauseAssignment, PauseAssignmentRequest, v1::Assignment)
  RINNALLA_DECLARE_RPC(ResumeAssignment, ResumeAssignmentRequest, v1::Assignment)
  RINNALLA_DECLARE_RPC(EndAssignment, EndAssignmentRequest, v1::Assignment)

 private:
  const RpcRunner& rpc_;
  Referrals referrals_;
  Exclusions exclusions_;
  Assignments assignments_;
};

}  // namespace rinnalla::matching

#endif  // RINNALLA_SERVICES_MATCHING_MATCHING_SERVICE_H_
