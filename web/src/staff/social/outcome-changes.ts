// What an amendment changed in a meeting's record, from one revision to the next: when it was
// held, who was present, the support needs added or removed (a need reworded is one removed and
// one added) and whether the summary was rewritten; worded in the user's language.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Participant_Role, type MeetingOutcome, type SupportNeed } from '../../gen/rinnalla/v1/meetings_pb';
import { formatDateTime } from '../../shared/i18n/i18n';
import { PARTIES, presenceOf, type Party } from './meeting-parties';
import { m } from './messages';
import { areaName } from './reason-words';

export type OutcomeChange =
  | { kind: 'held'; from: Date | null; to: Date | null }
  | { kind: 'party'; party: Party; present: boolean }
  | { kind: 'other'; name: string; present: boolean }
  | { kind: 'needAdded' | 'needRemoved'; need: SupportNeed }
  | { kind: 'summary' };

const heldOf = (outcome: MeetingOutcome) => (outcome.heldTime ? timestampDate(outcome.heldTime) : null);
const needKey = (need: SupportNeed) => `${need.area}\u0000${need.description}`;

function othersPresent(outcome: MeetingOutcome): Map<string, boolean> {
  const others = new Map<string, boolean>();
  for (const p of outcome.participants) {
    if (p.role === Participant_Role.OTHER) others.set(p.displayName, (others.get(p.displayName) ?? false) || p.present);
  }
  return others;
}

/** Each need of `from` that `to` does not hold (counted: two equal needs are two). */
function needsMissing(from: SupportNeed[], to: SupportNeed[]): SupportNeed[] {
  const left = new Map<string, number>();
  for (const need of to) left.set(needKey(need), (left.get(needKey(need)) ?? 0) + 1);
  return from.filter((need) => {
    const count = left.get(needKey(need)) ?? 0;
    if (count > 0) left.set(needKey(need), count - 1);
    return count === 0;
  });
}

export function outcomeChanges(before: MeetingOutcome, after: MeetingOutcome): OutcomeChange[] {
  const changes: OutcomeChange[] = [];
  const [from, to] = [heldOf(before), heldOf(after)];
  if (from?.getTime() !== to?.getTime()) changes.push({ kind: 'held', from, to });
  const [was, is] = [presenceOf(before.participants), presenceOf(after.participants)];
  for (const party of PARTIES) if (was[party] !== is[party]) changes.push({ kind: 'party', party, present: is[party] });
  const [othersWere, othersAre] = [othersPresent(before), othersPresent(after)];
  for (const [name, present] of othersAre) if ((othersWere.get(name) ?? false) !== present) changes.push({ kind: 'other', name, present });
  for (const [name, present] of othersWere) if (present && !othersAre.has(name)) changes.push({ kind: 'other', name, present: false });
  for (const need of needsMissing(before.supportNeeds, after.supportNeeds)) changes.push({ kind: 'needRemoved', need });
  for (const need of needsMissing(after.supportNeeds, before.supportNeeds)) changes.push({ kind: 'needAdded', need });
  if (before.summary !== after.summary) changes.push({ kind: 'summary' });
  return changes;
}

export function partyName(party: Party, guideName: string): string {
  if (party === 'client') return m('party.CLIENT');
  if (party === 'socialWorker') return m('referrals.socialWorker');
  return guideName ? m('party.GUIDE', { guide: guideName }) : m('change.theGuide');
}

const when = (date: Date | null) => (date ? formatDateTime(date) : m('change.noTime'));
const needText = (need: SupportNeed) => `${areaName(need.area)}: ${need.description}`;

export function wordChange(change: OutcomeChange, guideName: string): string {
  switch (change.kind) {
    case 'held':
      return m('change.held', { from: when(change.from), to: when(change.to) });
    case 'party':
      return m(change.present ? 'change.present' : 'change.absent', { party: partyName(change.party, guideName) });
    case 'other':
      return m(change.present ? 'change.present' : 'change.absent', { party: change.name });
    case 'needAdded':
      return m('change.needAdded', { need: needText(change.need) });
    case 'needRemoved':
      return m('change.needRemoved', { need: needText(change.need) });
    case 'summary':
      return m('change.summary');
  }
}
