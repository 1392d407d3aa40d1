// One goal in the client's own words with its five GAS levels, guided: the expected level first,
// then ±1 and ±2, each named by what it means.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../../shared/i18n/i18n';
import { GAS_SCORES, LEVEL_MAX, TITLE_MAX, gasLabel, nextLevelToFill, type GoalDraft } from '../gas-rules';
import { m } from '../messages';
import { AreaOptions } from './area-options';


export function GasGoalForm(props: {
  n: number;
  goal: GoalDraft;
  /** Focus the title when the form appears (a goal just added). */
  focusFirst?: boolean;
  onChange: (goal: GoalDraft) => void;
  onRemove: () => void;
}) {
  const { goal, n } = props;
  const title = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (props.focusFirst) title.current?.focus();
  }, []);
  const id = `goal-${n}`;
  const next = nextLevelToFill(goal);
  const setLevel = (index: number, text: string) => props.onChange({ ...goal, levels: goal.levels.map((old, i) => (i === index ? text : old)) });
  // Shown in the guided order: 0, −1, +1, −2, +2.
  const order = [2, 1, 3, 0, 4];
  return (
    <fieldset class="group goal-form">
      <legend>{m('record.goal', { n })}</legend>
      <div class="field">
        <label for={`${id}-title`}>{m('record.goalTitle')}</label>
        <input ref={title} id={`${id}-title`} maxLength={TITLE_MAX} value={goal.title} onInput={(e) => props.onChange({ ...goal, title: (e.target as HTMLInputElement).value })} />
      </div>
      <div class="field">
        <label for={`${id}-area`}>{m('record.goalArea')}</label>
        <select id={`${id}-area`} value={goal.area} onChange={(e) => props.onChange({ ...goal, area: Number((e.target as HTMLSelectElement).value) })}>
          <AreaOptions />
        </select>
      </div>
      <p class="hint">{m('record.levelsIntro')}</p>
      <p class="hint" aria-live="polite">
        {next === null ? m('record.levelsDone') : m('record.nextLevel', { level: gasLabel(GAS_SCORES[next]!) })}
      </p>
      {order.map((index) => {
        const score = GAS_SCORES[index]!;
        return (
          <div class="field" key={score}>
            <label for={`${id}-level-${index}`}>{m('record.level', { level: gasLabel(score) })}</label>
            <input
              id={`${id}-level-${index}`}
              maxLength={LEVEL_MAX}
              value={goal.levels[index]}
              placeholder={t(`gas.${score}` as 'gas.0')}
              onInput={(e) => setLevel(index, (e.target as HTMLInputElement).value)}
            />
          </div>
        );
      })}
      <button type="button" class="secondary" onClick={props.onRemove}>
        {m('record.removeGoal', { n })}
      </button>
    </fieldset>
  );
}
