// A timeline entry worded in the user's language from its kind and parts (the server's English
// `summary` is the fallback for a kind this app does not know).
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { ServicePlace } from '../../gen/rinnalla/v1/common_pb';
import { Assignment_EndReason } from '../../gen/rinnalla/v1/matching_pb';
import { Goal_State, Meeting_Kind } from '../../gen/rinnalla/v1/meetings_pb';
import { TimelineEntry_ActorRole, TimelineEntry_Kind, type TimelineEntry } from '../../gen/rinnalla/v1/notes_pb';
import { Visit_Mode } from '../../gen/rinnalla/v1/visits_pb';
import { codeName, formatDateTime } from '../../shared/i18n/i18n';
import { m } from './messages';
import { listInWords } from './reason-words';

/** A key of this area built from a code, or the code itself when the catalog lacks it. */
export function coded(prefix: string, code: string | undefined): string {
  const key = `${prefix}.${code ?? ''}`;
  return m.has(key) ? m(key) : (code ?? '');
}

export const meetingKindName = (kind: Meeting_Kind) => coded('meetingKind', Meeting_Kind[kind]);
export const goalStateName = (state: Goal_State) => coded('goalState', Goal_State[state]);
export const visitModeName = (mode: Visit_Mode) => coded('visitMode', Visit_Mode[mode]);
export const endReasonName = (reason: Assignment_EndReason) => coded('endReason', Assignment_EndReason[reason]);

export function actorName(entry: TimelineEntry): string {
  return coded('actor', TimelineEntry_ActorRole[entry.actorRole]);
}

/** What happened, in one line. */
export function wordEntry(entry: TimelineEntry): string {
  const parts = entry.parts;
  const kind = TimelineEntry_Kind[entry.kind];
  if (!parts) return entry.summary;
  switch (entry.kind) {
    case TimelineEntry_Kind.ASSIGNMENT_STARTED:
    case TimelineEntry_Kind.ASSIGNMENT_PAUSED:
    case TimelineEntry_Kind.ASSIGNMENT_RESUMED:
      return m(`timeline.${kind}` as 'timeline.ASSIGNMENT_STARTED');
    case TimelineEntry_Kind.ASSIGNMENT_ENDED:
      return parts.endReason
        ? m('timeline.ASSIGNMENT_ENDED.reason', { reason: endReasonName(parts.endReason) })
        : m('timeline.ASSIGNMENT_ENDED');
    case TimelineEntry_Kind.MEETING_SCHEDULED:
      return m('timeline.MEETING_SCHEDULED', {
        kind: meetingKindName(parts.meetingKind),
        time: parts.scheduledTime ? formatDateTime(timestampDate(parts.scheduledTime)) : '',
      });
    case TimelineEntry_Kind.MEETING_HELD:
    case TimelineEntry_Kind.MEETING_CANCELLED:
      return m(`timeline.${kind}` as 'timeline.MEETING_HELD', { kind: meetingKindName(parts.meetingKind) });
    case TimelineEntry_Kind.GOAL_AGREED:
      return m('timeline.GOAL_AGREED', { title: parts.goalTitle });
    case TimelineEntry_Kind.GOAL_CLOSED:
      return m('timeline.GOAL_CLOSED', { title: parts.goalTitle, state: goalStateName(parts.goalState) });
    case TimelineEntry_Kind.VISIT: {
      const mode = visitModeName(parts.visitMode);
      const places = parts.places.map((place) => codeName('place', ServicePlace[place] ?? ''));
      return places.length > 0
        ? m('timeline.VISIT.places', { minutes: parts.durationMinutes, mode, places: listInWords(places) })
        : m('timeline.VISIT', { minutes: parts.durationMinutes, mode });
    }
    case TimelineEntry_Kind.NOTE:
      return m(parts.correction ? 'timeline.NOTE.correction' : 'timeline.NOTE');
    default:
      return entry.summary;
  }
}

/** The entry's free text, the fact that it is withheld, and whether it was amended. */
export function entryDetails(entry: TimelineEntry): string[] {
  const details: string[] = [];
  if (entry.textWithheld) details.push(m('timeline.withheld'));
  else if (entry.parts?.excerpt) details.push(entry.parts.excerpt);
  if (entry.amended) details.push(m('timeline.amended', { revision: entry.revision }));
  return details;
}
