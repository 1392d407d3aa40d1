#include "notes_service.h"

namespace rinnalla::notes {

#define RINNALLA_RPC(Name, Request, Response, target)                                       \
  grpc::Status NotesService::Name(grpc::ServerContext* context, const v1::Request* request, \
                                  Response* response) {                                     \
    return rpc_.Run(context, "/rinnalla.v1.Notes/" #Name,                                   \
                    [&](const Call& call) { return target(call, *request, *response); });   \
  }

RINNALLA_RPC(AddProgressNote, AddProgressNoteRequest, v1::ProgressNote, notes_.Add)
RINNALLA_RPC(GetProgressNote, GetProgressNoteRequest, v1::ProgressNote, notes_.Get)
RINNALLA_RPC(ListProgressNotes, ListProgressNotesRequest, v1::ListProgressNotesResponse,
             notes_.List)
RINNALLA_RPC(GetClientTimeline, GetClientTimelineRequest, v1::GetClientTimelineResponse,
             timeline_.Get)
RINNALLA_RPC(GetGoalAttainment, GetGoalAttainmentRequest, v1::GoalAttainment,
             evaluation_.GoalAttainment)
RINNALLA_RPC(SummarizeOutcomes, SummarizeOutcomesRequest, v1::OutcomeSummary, evaluation_.Summarize)

#undef RINNALLA_RPC

}  // namespace rinnalla::notes
