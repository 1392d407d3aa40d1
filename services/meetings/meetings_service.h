#ifndef RINNALLA_SERVICES_MEETINGS_MEETINGS_SERVICE_H_
#define RINNALLA_SERVICES_MEETINGS_MEETINGS_SERVICE_H_

#include "goals.h"
#include "meetings.h"
#include "rinnalla/v1/meetings.grpc.pb.h"
#include "rpc.h"

namespace rinnalla::meetings {

// The Meetings RPCs: each runs through the RpcRunner into meetings or goals.
class MeetingsService final : public v1::Meetings::StreamedUnaryService {
 public:
  MeetingsService(storage::MeetingsRepository& repository, const ClientAccess& access,
                  const RpcRunner& rpc)
      : rpc_(rpc), meetings_(repository, access), goals_(repository, access) {}

  RINNALLA_DECLARE_RPC(CreateMeeting, CreateMeetingRequest, v1::Meeting)
  RINNALLA_DECLARE_RPC(GetMeeting, GetMeetingRequest, v1::Meeting)
  RINNALLA_DECLARE_RPC(ListMeetings, ListMeetingsRequest, v1::ListMeetingsResponse)
  RINNALLA_DECLARE_RPC(RescheduleMeeting, RescheduleMeetingRequest, v1::Meeting)
  RINNALLA_DECLARE_RPC(CancelMeeting, CancelMeetingRequest, v1::Meeting)
  RINNALLA_DECLARE_RPC(RecordMeetingOutcome, RecordMeetingOutcomeRequest, v1::Meeting)
  RINNALLA_DECLARE_RPC(AmendMeetingOutcome, AmendMeetingOutcomeRequest, v1::Meeting)
  RINNALLA_DECLARE_RPC(ListMeetingOutcomeRevisions, ListMeetingOutcomeRevisionsRequest,
                       v1::ListMeetingOutcomeRevisionsResponse)
  RINNALLA_DECLARE_RPC(SetInformationSharingConsent, SetInformationSharingConsentRequest,
                       v1::InformationSharingConsent)
  RINNALLA_DECLARE_RPC(ListInformationSharingConsents, ListInformationSharingConsentsRequest,
                       v1::ListInformationSharingConsentsResponse)
  RINNALLA_DECLARE_RPC(CreateGoal, CreateGoalRequest, v1::Goal)
  RINNALLA_DECLARE_RPC(GetGoal, GetGoalRequest, v1::Goal)
  RINNALLA_DECLARE_RPC(ListGoals, ListGoalsRequest, v1::ListGoalsResponse)
  RINNALLA_DECLARE_RPC(UpdateGoal, UpdateGoalRequest, v1::Goal)

 private:
  const RpcRunner& rpc_;
  Meetings meetings_;
  Goals goals_;
};

}  // namespace rinnalla::meetings

#endif  // RINNALLA_SERVICES_MEETINGS_MEETINGS_SERVICE_H_
