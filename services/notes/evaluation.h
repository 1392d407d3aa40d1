#ifndef RINNALLA_SERVICES_NOTES_EVALUATION_H_
#define RINNALLA_SERVICES_NOTES_EVALUATION_H_

#include "absl/status/status.h"
#include "client_access.h"
#include "rinnalla/storage/notes_repository.h"
#include "rinnalla/v1/notes.pb.h"
#include "rpc.h"

namespace rinnalla::notes {

// Whether the guidance helped: one client's goal attainment (staff and the client's guide), and
// the organization's figures over a period (coordinators).
class Evaluation {
 public:
  Evaluation(storage::NotesRepository& repository, const ClientAccess& access)
      : repository_(repository), access_(access) {}

  absl::Status GoalAttainment(const Call& call, const v1::GetGoalAttainmentRequest& request,
                              v1::GoalAttainment& out);
  absl::Status Summarize(const Call& call, const v1::SummarizeOutcomesRequest& request,
                         v1::OutcomeSummary& out);

 private:
  storage::NotesRepository& repository_;
  const ClientAccess& access_;
};

}  // namespace rinnalla::notes

#endif  // RINNALLA_SERVICES_NOTES_EVALUATION_H_
