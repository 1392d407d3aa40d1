#ifndef RINNALLA_SERVICES_MEETINGS_GOALS_H_
#define RINNALLA_SERVICES_MEETINGS_GOALS_H_

#include "absl/status/status.h"
#include "client_access.h"
#include "rinnalla/storage/meetings_repository.h"
#include "rinnalla/v1/meetings.pb.h"
#include "rpc.h"

namespace rinnalla::meetings {

// Goals of the guidance, in the client's own words, with GAS levels. Created PROPOSED (by staff or
// the client's guide), agreed at a meeting or by staff, and closed with only the legal moves.
class Goals {
 public:
  Goals(storage::MeetingsRepository& repository, const ClientAccess& access)
      : repository_(repository), access_(access) {}

  absl::Status Create(const Call& call, const v1::CreateGoalRequest& request, v1::Goal& out);
  absl::Status Get(const Call& call, const v1::GetGoalRequest& request, v1::Goal& out);
  absl::Status List(const Call& call, const v1::ListGoalsRequest& request,
                    v1::ListGoalsResponse& out);
  absl::Status Update(const Call& call, const v1::UpdateGoalRequest& request, v1::Goal& out);

 private:
  storage::MeetingsRepository& repository_;
  const ClientAccess& access_;
};

}  // namespace rinnalla::meetings

#endif  // RINNALLA_SERVICES_MEETINGS_GOALS_H_
