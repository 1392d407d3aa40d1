#include "matching_service.h"

namespace rinnalla::matching {

#define RINNALLA_RPC(Name, Request, Response, target) \
  RINNALLA_DEFINE_RPC(MatchingService, "Matching", Name, Request, Response, target)

RINNALLA_RPC(CreateReferral, CreateReferralRequest, v1::Referral, referrals_.Create)
RINNALLA_RPC(GetReferral, GetReferralRequest, v1::Referral, referrals_.Get)
RINNALLA_RPC(ListReferrals, ListReferralsRequest, v1::ListReferralsResponse, referrals_.List)
RINNALLA_RPC(CancelReferral, CancelReferralRequest, v1::Referral, referrals_.Cancel)
RINNALLA_RPC(AddMatchExclusion, AddMatchExclusionRequest, v1::MatchExclusion, exclusions_.Add)
RINNALLA_RPC(ListMatchExclusions, ListMatchExclusionsRequest, v1::ListMatchExclusionsResponse,
             exclusions_.List)
RINNALLA_RPC(RemoveMatchExclusion, RemoveMatchExclusionRequest, google::protobuf::Empty,
             exclusions_.Remove)
RINNALLA_RPC(SuggestGuides, SuggestGuidesRequest, v1::SuggestGuidesResponse, referrals_.Suggest)
RINNALLA_RPC(AssignGuide, AssignGuideRequest, v1::Assignment, assignments_.Assign)
RINNALLA_RPC(GetAssignment, GetAssignmentRequest, v1::Assignment, assignments_.Get)
RINNALLA_RPC(ListAssignments, ListAssignmentsRequest, v1::ListAssignmentsResponse,
             assignments_.List)
RINNALLA_RPC(PauseAssignment, PauseAssignmentRequest, v1::Assignment, assignments_.Pause)
RINNALLA_RPC(ResumeAssignment, ResumeAssignmentRequest, v1::Assignment, assignments_.Resume)
RINNALLA_RPC(EndAssignment, EndAssignmentRequest, v1::Assignment, assignments_.End)

#undef RINNALLA_RPC

}  // namespace rinnalla::matching
