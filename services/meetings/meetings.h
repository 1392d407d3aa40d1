#ifndef RINNALLA_SERVICES_MEETINGS_MEETINGS_H_
#define RINNALLA_SERVICES_MEETINGS_MEETINGS_H_

#include "absl/status/status.h"
#include "client_access.h"
#include "rinnalla/storage/meetings_repository.h"
#include "rinnalla/v1/meetings.pb.h"
#include "rpc.h"

namespace rinnalla::meetings {

// Joint meetings of client, social worker and guide: scheduled, held and recorded (a record, not
// a draft; amendments keep every version), and the client's information-sharing consent. Staff
// manage them; the client's current guide reads their own guidance's.
class Meetings {
 public:
  Meetings(storage::MeetingsRepository& repository, const ClientAccess& access)
      : repository_(repository), access_(access) {}

  absl::Status Create(const Call& call, const v1::CreateMeetingRequest& request, v1::Meeting& out);
  absl::Status Get(const Call& call, const v1::GetMeetingRequest& request, v1::Meeting& out);
  absl::Status List(const Call& call, const v1::ListMeetingsRequest& request,
                    v1::ListMeetingsResponse& out);
  absl::Status Reschedule(const Call& call, const v1::RescheduleMeetingRequest& request,
                          v1::Meeting& out);
  absl::Status Cancel(const Call& call, const v1::CancelMeetingRequest& request, v1::Meeting& out);
  absl::Status RecordOutcome(const Call& call, const v1::RecordMeetingOutcomeRequest& request,
                             v1::Meeting& out);
  absl::Status AmendOutcome(const Call& call, const v1::AmendMeetingOutcomeRequest& request,
                            v1::Meeting& out);
  absl::Status ListOutcomeRevisions(const Call& call,
                                    const v1::ListMeetingOutcomeRevisionsRequest& request,
                                    v1::ListMeetingOutcomeRevisionsResponse& out);
  absl::Status SetConsent(const Call& call, const v1::SetInformationSharingConsentRequest& request,
                          v1::InformationSharingConsent& out);
  absl::Status ListConsents(const Call& call,
                            const v1::ListInformationSharingConsentsRequest& request,
                            v1::ListInformationSharingConsentsResponse& out);

 private:
  storage::MeetingsRepository& repository_;
  const ClientAccess& access_;
};

}  // namespace rinnalla::meetings

#endif  // RINNALLA_SERVICES_MEETINGS_MEETINGS_H_
