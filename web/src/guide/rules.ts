// What a visit or note needs before it is saved for sending: the server's rules a guide can get
// wrong, checked on the phone so the guide hears of them at once, offline too. Each problem is a
// message key with its values.
import { Visit_Mode } from '../gen/rinnalla/v1/visits_pb';
import type { MessageKey } from '../shared/i18n/i18n';
import type { NoteDraft, VisitDraft } from './store/drafts';

export interface Problem {
  key: MessageKey;
  place?: number;
}

export const SUMMARY_MAX = 4000;
export const OUTCOME_NOTE_MAX = 1000;
export const NOTE_MAX = 8000;
/** The server allows 5 minutes of clock skew. */
const SKEW_MS = 5 * 60 * 1000;

const length = (text: string) => [...text].length;

export function visitProblems(draft: VisitDraft, now = new Date()): Problem[] {
  const problems: Problem[] = [];
  const start = Date.parse(draft.startTime);
  if (Number.isNaN(start)) problems.push({ key: 'check.start' });
  else if (start > now.getTime() + SKEW_MS) problems.push({ key: 'check.future' });
  if (!Number.isInteger(draft.durationMinutes) || draft.durationMinutes < 1 || draft.durationMinutes > 1440) {
    problems.push({ key: 'check.duration' });
  }
  if (draft.mode === 0) problems.push({ key: 'check.mode' });
  if (draft.mode === Visit_Mode.ACCOMPANIED) {
    if (draft.places.length === 0) problems.push({ key: 'check.needPlace' });
    for (const place of draft.places) {
      const outcome = draft.outcomes.find((o) => o.place === place);
      if (!outcome?.appointment) problems.push({ key: 'check.needAppointment', place });
      if (!outcome?.acting) problems.push({ key: 'check.needActing', place });
      if (outcome && length(outcome.note) > OUTCOME_NOTE_MAX) problems.push({ key: 'check.tooLong', place });
    }
  }
  if (length(draft.summary) > SUMMARY_MAX) problems.push({ key: 'check.tooLong' });
  return problems;
}

export function noteProblems(draft: NoteDraft): Problem[] {
  const problems: Problem[] = [];
  if (draft.text.trim() === '' && draft.ratings.length === 0 && (!draft.clientRates || draft.clientRatings.length === 0)) {
    problems.push({ key: 'check.noteEmpty' });
  }
  if (length(draft.text) > NOTE_MAX) problems.push({ key: 'check.tooLong' });
  return problems;
}
