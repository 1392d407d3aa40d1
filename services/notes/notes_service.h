#ifndef RINNALLA_SERVICES_NOTES_NOTES_SERVICE_H_
#define RINNALLA_SERVICES_NOTES_NOTES_SERVICE_H_

#include "evaluation.h"
#include "progress_notes.h"
#include "rinnalla/v1/notes.grpc.pb.h"
#include "rpc.h"
#include "timeline.h"

namespace rinnalla::notes {

// The Notes RPCs: each runs through the RpcRunner into progress notes, the timeline or the
// evaluation.
class NotesService final : public v1::Notes::StreamedUnaryService {
 public:
  NotesService(storage::NotesRepository& repository, const ClientAccess& access,
               const RpcRunner& rpc)
      : rpc_(rpc),
        notes_(repository, access),
        timeline_(repository, access),
        evaluation_(repository, access) {}

  RINNALLA_DECLARE_RPC(AddProgressNote, AddProgressNoteRequest, v1::ProgressNote)
  RINNALLA_DECLARE_RPC(GetProgressNote, GetProgressNoteRequest, v1::ProgressNote)
  RINNALLA_DECLARE_RPC(ListProgressNotes, ListProgressNotesRequest, v1::ListProgressNotesResponse)
  RINNALLA_DECLARE_RPC(GetClientTimeline, GetClientTimelineRequest, v1::GetClientTimelineResponse)
  RINNALLA_DECLARE_RPC(GetGoalAttainment, GetGoalAttainmentRequest, v1::GoalAttainment)
  RINNALLA_DECLARE_RPC(SummarizeOutcomes, SummarizeOutcomesRequest, v1::OutcomeSummary)

 private:
  const RpcRunner& rpc_;
  ProgressNotes notes_;
  ClientTimeline timeline_;
  Evaluation evaluation_;
};

}  // namespace rinnalla::notes

#endif  // RINNALLA_SERVICES_NOTES_NOTES_SERVICE_H_
