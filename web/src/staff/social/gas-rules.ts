// Goal Attainment Scaling: five levels from −2 (much less than expected) to +2 (much more), each
// described in the client's own words; what a goal needs before it can be agreed.
import { t } from '../../shared/i18n/i18n';
import { m } from './messages';

export const GAS_SCORES = [-2, -1, 0, 1, 2] as const;
export const TITLE_MAX = 500;
export const LEVEL_MAX = 500;

/** "−2", "0", "+1" with the level's name, e.g. "+1 More than expected". */
export function gasLabel(score: number): string {
  const sign = score > 0 ? `+${score}` : score < 0 ? `−${-score}` : '0';
  return `${sign} ${t(`gas.${score}` as 'gas.0')}`;
}

export interface GoalDraft {
  title: string;
  area: number;
  /** Five descriptions, for −2, −1, 0, +1 and +2. */
  levels: string[];
}

export function emptyGoal(): GoalDraft {
  return { title: '', area: 0, levels: ['', '', '', '', ''] };
}

/** What stops this goal from being agreed, in the user's language; `n` is its number (1..). */
export function goalProblems(goal: GoalDraft, n: number): string[] {
  const problems: string[] = [];
  if (!goal.title.trim()) problems.push(m('gas.needTitle', { n }));
  if ([...goal.title].length > TITLE_MAX) problems.push(m('gas.titleTooLong', { n, max: TITLE_MAX }));
  if (goal.area === 0) problems.push(m('gas.needArea', { n }));
  GAS_SCORES.forEach((score, index) => {
    const text = goal.levels[index] ?? '';
    if (!text.trim()) problems.push(m('gas.needLevel', { n, level: gasLabel(score) }));
    else if ([...text].length > LEVEL_MAX) problems.push(m('gas.levelTooLong', { n, level: gasLabel(score), max: LEVEL_MAX }));
  });
  const filled = goal.levels.map((text) => text.trim().toLocaleLowerCase()).filter(Boolean);
  if (new Set(filled).size < filled.length) problems.push(m('gas.levelsRepeat', { n }));
  return problems;
}

/** The next level to fill in, for the guided form: the expected level (0) first, then ±1, ±2. */
export function nextLevelToFill(goal: GoalDraft): number | null {
  for (const index of [2, 1, 3, 0, 4]) if (!(goal.levels[index] ?? '').trim()) return index;
  return null;
}
