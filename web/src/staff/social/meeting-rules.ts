// What a meeting's record needs before it is saved: the three parties at INITIAL and CLOSING
// meetings, at least one goal at the INITIAL one, and every goal's five GAS levels.
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

export interface NeedDraft {
  area: number;
  description: string;
}

export function recordProblems(kind: Meeting_Kind, presence: Presence, goals: GoalDraft[], needs: NeedDraft[] = []): string[] {
  const problems: string[] = [];
  if (needsThreeParties(kind) && !(presence.client && presence.socialWorker && presence.guide)) {
    problems.push(m('record.partiesMissing'));
  }
  if (kind === Meeting_Kind.INITIAL && goals.length === 0) problems.push(m('record.needGoal'));
  needs.forEach((need, index) => {
    if (need.description.trim() && need.area === 0) problems.push(m('record.needAreaMissing', { n: index + 1 }));
  });
  goals.forEach((goal, index) => problems.push(...goalProblems(goal, index + 1)));
  return problems;
}
