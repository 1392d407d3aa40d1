#include "meetings_service.h"

namespace rinnalla::meetings {

#define RINNALLA_RPC(Name, Request, Response, target) \
  RINNALLA_DEFINE_RPC(MeetingsService, "Meetings", Name, Request, Response, target)

RINNALLA_RPC(CreateMeeting, CreateMeetingRequest, v1::Meeting, meetings_.Create)
RINNALLA_RPC(GetMeeting, GetMeetingRequest, v1::Meeting, meetings_.Get)
RINNALLA_RPC(ListMeetings, ListMeetingsRequest, v1::ListMeetingsResponse, meetings_.List)
RINNALLA_RPC(RescheduleMeeting, RescheduleMeetingRequest, v1::Meeting, meetings_.Reschedule)
RINNALLA_RPC(CancelMeeting, CancelMeetingRequest, v1::Meeting, meetings_.Cancel)
RINNALLA_RPC(RecordMeetingOutcome, RecordMeetingOutcomeRequest, v1::Meeting,
             meetings_.RecordOutcome)
RINNALLA_RPC(AmendMeetingOutcome, AmendMeetingOutcomeRequest, v1::Meeting, meetings_.AmendOutcome)
RINNALLA_RPC(ListMeetingOutcomeRevisions, ListMeetingOutcomeRevisionsRequest,
             v1::ListMeetingOutcomeRevisionsResponse, meetings_.ListOutcomeRevisions)
RINNALLA_RPC(SetInformationSharingConsent, SetInformationSharingConsentRequest,
             v1::InformationSharingConsent, meetings_.SetConsent)
RINNALLA_RPC(ListInformationSharingConsents, ListInformationSharingConsentsRequest,
             v1::ListInformationSharingConsentsResponse, meetings_.ListConsents)
RINNALLA_RPC(CreateGoal, CreateGoalRequest, v1::Goal, goals_.Create)
RINNALLA_RPC(GetGoal, GetGoalRequest, v1::Goal, goals_.Get)
RINNALLA_RPC(ListGoals, ListGoalsRequest, v1::ListGoalsResponse, goals_.List)
RINNALLA_RPC(UpdateGoal, UpdateGoalRequest, v1::Goal, goals_.Update)

#undef RINNALLA_RPC

}  // namespace rinnalla::meetings
