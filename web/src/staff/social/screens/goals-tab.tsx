// The client's goals: in their own words, with the five GAS levels and each rater's latest score.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Rater } from '../../../gen/rinnalla/v1/common_pb';
import { meetings, notes } from '../../../shared/api/clients';
import { formatDateTime, t } from '../../../shared/i18n/i18n';
import { GAS_SCORES, gasLabel } from '../gas-rules';
import { m } from '../messages';
import { coded, goalStateName } from '../timeline-words';
import { useCall } from '../use-call';

export const raterName = (rater: Rater) => coded('rater', Rater[rater]);

export function GoalsTab({ client, onAttainment }: { client: string; onAttainment: () => void }) {
  const data = useCall(async () => {
    const [goals, attainment] = await Promise.all([
      meetings.listGoals({ parent: client, pageSize: 500 }),
      notes.getGoalAttainment({ client }),
    ]);
    return { goals: goals.goals, progress: new Map(attainment.goals.map((goal) => [goal.goal, goal])) };
  }, [client]);
  if (data.problem) return <p role="alert">{data.problem}</p>;
  if (!data.value) return <p role="status">{t('app.loading')}</p>;
  if (data.value.goals.length === 0) return <p>{m('goals.none')}</p>;
  return (
    <>
    <button type="button" class="secondary" onClick={onAttainment}>
      {m('goals.attainment')}
    </button>
    <ul class="goal-list">
      {data.value.goals.map((goal) => {
        const progress = data.value!.progress.get(goal.name);
        return (
          <li key={goal.name}>
            <h2>{goal.title}</h2>
            <p>{m('goals.state', { state: goalStateName(goal.state) })}</p>
            <h3>{m('goals.levels')}</h3>
            <ol class="gas-levels">
              {GAS_SCORES.map((score, index) => (
                <li key={score}>
                  <strong>{gasLabel(score)}</strong> {goal.gasLevels[index]}
                </li>
              ))}
            </ol>
            <table>
              <caption>{m('goals.latest')}</caption>
              <thead>
                <tr>
                  <th scope="col">{m('goals.rater')}</th>
                  <th scope="col">{m('goals.score')}</th>
                  <th scope="col">{m('goals.when')}</th>
                </tr>
              </thead>
              <tbody>
                {[Rater.CLIENT, Rater.GUIDE, Rater.SOCIAL_WORKER].map((rater) => {
                  const latest = progress?.latestByRater.find((item) => item.rater === rater);
                  return (
                    <tr key={rater}>
                      <th scope="row">{raterName(rater)}</th>
                      <td>{latest ? `${gasLabel(latest.score)}: ${goal.gasLevels[latest.score + 2] ?? ''}` : m('goals.notRated')}</td>
                      <td>{latest?.time ? formatDateTime(timestampDate(latest.time)) : ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </li>
        );
      })}
    </ul>
    </>
  );
}
