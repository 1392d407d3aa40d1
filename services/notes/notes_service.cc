#include "notes_service.h"

namespace rinnalla::notes {

#define RINNALLA_RPC(Name, Request, Response, target) \
  RINNALLA_DEFINE_RPC(NotesService, "Notes", Name, Request, Response, target)

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
