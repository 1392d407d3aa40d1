// What a meeting's record needs before it is saved or amended: when it was held (not ahead), the
// three parties at INITIAL and CLOSING meetings, an area for every support need written, at least
// one goal at the INITIAL one and every goal's five GAS levels; an amendment also its reason. The
// server holds the same rules (THREE_PARTIES_REQUIRED ...); these say it before anything is sent.
import { Meeting_Kind } from '../../gen/rinnalla/v1/meetings_pb';
import { goalProblems, type GoalDraft } from './gas-rules';
import { m } from './messages';

export interface Presence {
  client: boolean;
  socialWorker: boolean;
  guide: boolean;
}

export function needsThreeParties(kind: Meeting_Kind): boolean {
  return kind === Meeting_Kind.INITIAL || kind === Meeting_Kind.CLOSING;
}

/** The longest summary a record keeps, in characters (the server's limit). */
export const SUMMARY_MAX = 8000;

export interface NeedDraft {
  area: number;
  description: string;
}

/** `held` as the day-and-time field holds it (local yyyy-mm-ddTHH:MM), or null while unfinished. */
export function heldProblems(held: string | null, now = new Date()): string[] {
  if (!held) return [m('record.needHeld')];
  return new Date(held).getTime() > now.getTime() ? [m('record.heldAhead')] : [];
}

function partyProblems(kind: Meeting_Kind, presence: Presence): string[] {
  return needsThreeParties(kind) && !(presence.client && presence.socialWorker && presence.guide) ? [m('record.partiesMissing')] : [];
}

function needProblems(needs: NeedDraft[]): string[] {
  return needs.flatMap((need, index) => (need.description.trim() && need.area === 0 ? [m('record.needAreaMissing', { n: index + 1 })] : []));
}

function summaryProblems(summary: string): string[] {
  return [...summary.trim()].length > SUMMARY_MAX ? [m('record.summaryLong', { max: SUMMARY_MAX })] : [];
}

export function recordProblems(kind: Meeting_Kind, presence: Presence, goals: GoalDraft[], needs: NeedDraft[] = [], summary = ''): string[] {
  return [
    ...partyProblems(kind, presence),
    ...(kind === Meeting_Kind.INITIAL && goals.length === 0 ? [m('record.needGoal')] : []),
    ...needProblems(needs),
    ...goals.flatMap((goal, index) => goalProblems(goal, index + 1)),
    ...summaryProblems(summary),
  ];
}

/** What an amendment of a held meeting's record needs: the same as the record, and its reason. */
export function amendProblems(
  kind: Meeting_Kind,
  amended: { held: string | null; presence: Presence; needs: NeedDraft[]; summary: string; reason: string },
  now = new Date(),
): string[] {
  const { held, presence, needs, summary, reason } = amended;
  return [
    ...heldProblems(held, now),
    ...partyProblems(kind, presence),
    ...needProblems(needs),
    ...summaryProblems(summary),
    ...(reason.trim() ? [] : [m('amend.needReason')]),
  ];
}

/** The support needs to send: those written, trimmed (a row left empty is no need). */
export function needsToSend(needs: NeedDraft[]): NeedDraft[] {
  return needs.filter((need) => need.description.trim() && need.area !== 0).map((need) => ({ area: need.area, description: need.description.trim() }));
}
