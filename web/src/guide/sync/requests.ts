// Outbox drafts as the API's requests.
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Rater } from '../../gen/rinnalla/v1/common_pb';
import {
  AddProgressNoteRequestSchema,
  ProgressNote_Visibility,
  type AddProgressNoteRequest,
} from '../../gen/rinnalla/v1/notes_pb';
import { LogVisitRequestSchema, Visit_Mode, type LogVisitRequest } from '../../gen/rinnalla/v1/visits_pb';
import type { NoteDraft, VisitDraft } from '../store/drafts';

export function logVisitRequest(draft: VisitDraft): LogVisitRequest {
  const accompanied = draft.mode === Visit_Mode.ACCOMPANIED;
  return create(LogVisitRequestSchema, {
    parent: draft.client,
    visitId: draft.id,
    requestId: draft.requestId,
    visit: {
      assignment: draft.assignment,
      startTime: timestampFromDate(new Date(draft.startTime)),
      durationMinutes: draft.durationMinutes,
      mode: draft.mode,
      places: draft.places,
      goals: draft.goals,
      summary: draft.summary,
      placeOutcomes: accompanied
        ? draft.places.map((place) => {
            const outcome = draft.outcomes.find((o) => o.place === place);
            return {
              place,
              appointment: outcome?.appointment ?? 0,
              actions: outcome?.actions ?? [],
              acting: outcome?.acting ?? 0,
              note: outcome?.note ?? '',
            };
          })
        : [],
    },
  });
}

export function addProgressNoteRequest(draft: NoteDraft): AddProgressNoteRequest {
  const guide = draft.ratings.map((r) => ({ goal: r.goal, score: r.score, ratedBy: Rater.GUIDE }));
  const client = draft.clientRates
    ? draft.clientRatings.map((r) => ({ goal: r.goal, score: r.score, ratedBy: Rater.CLIENT }))
    : [];
  return create(AddProgressNoteRequestSchema, {
    parent: draft.client,
    requestId: draft.requestId,
    note: {
      assignment: draft.assignment,
      text: draft.text,
      goalRatings: [...guide, ...client],
      visibility: ProgressNote_Visibility.SHARED,
    },
  });
}
