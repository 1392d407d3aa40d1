// Goal attainment: for each goal its scores over time, one line per rater (the client, the guide,
// the social worker), and the T-score over time; a table beside every chart.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { notes } from '../../../shared/api/clients';
import { formatDateTime, formatNumber, t } from '../../../shared/i18n/i18n';
import { RATERS, goalSeries, tScoreSeries } from '../attainment-series';
import { clientByName } from '../client-search';
import { gasLabel } from '../gas-rules';
import { m } from '../messages';
import { useCall } from '../use-call';
import { raterName } from './goals-tab';
import { LineChart } from './line-chart';

const oneDecimal = (value: number) => formatNumber(Math.round(value * 10) / 10);

export function Attainment({ client }: { client: string }) {
  const data = useCall(async () => ({ client: await clientByName(client), attainment: await notes.getGoalAttainment({ client }) }), [client]);
  if (data.problem) return <p role="alert">{data.problem}</p>;
  if (!data.value) return <p role="status">{t('app.loading')}</p>;
  const { attainment } = data.value;
  const tSeries = RATERS.map((rater) => ({ label: raterName(rater), points: tScoreSeries(attainment.goals, rater) }));
  return (
    <>
      <h1>{m('attainment.title', { client: data.value.client?.displayName ?? '' })}</h1>
      {attainment.goals.length === 0 && <p>{m('goals.none')}</p>}
      {attainment.goals.length > 0 && (
        <section class="chart-row" aria-labelledby="t-title">
          <h2 id="t-title">{m('attainment.tScore')}</h2>
          <p>{attainment.tScore !== undefined ? m('attainment.tNow', { t: oneDecimal(attainment.tScore) }) : m('goals.notRated')}</p>
          <div class="chart-and-table">
            <LineChart title={m('attainment.tScore')} series={tSeries} min={10} max={90} ticks={[20, 30, 40, 50, 60, 70, 80]} />
            <table>
              <caption>{m('attainment.tTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{m('goals.when')}</th>
                  <th scope="col">{m('goals.rater')}</th>
                  <th scope="col">{m('attainment.t')}</th>
                </tr>
              </thead>
              <tbody>
                {tSeries.every((series) => series.points.length === 0) && (
                  <tr>
                    <td colSpan={3}>{m('attainment.noScores')}</td>
                  </tr>
                )}
                {tSeries.flatMap((series) =>
                  series.points.map((point) => (
                    <tr key={`${series.label}${point.time.getTime()}`}>
                      <td>{formatDateTime(point.time)}</td>
                      <td>{series.label}</td>
                      <td>{oneDecimal(point.value)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {attainment.goals.map((goal, index) => {
        const series = RATERS.map((rater) => ({ label: raterName(rater), points: goalSeries(goal, rater) }));
        const history = [...goal.history].sort((a, b) => Number((a.time?.seconds ?? 0n) - (b.time?.seconds ?? 0n)));
        return (
          <section class="chart-row" key={goal.goal} aria-labelledby={`goal-chart-${index}`}>
            <h2 id={`goal-chart-${index}`}>{goal.title}</h2>
            <div class="chart-and-table">
              <LineChart
                title={m('attainment.goalChart', { goal: goal.title })}
                series={series}
                min={-2}
                max={2}
                ticks={[-2, -1, 0, 1, 2]}
                format={(v) => (v > 0 ? `+${v}` : v < 0 ? `−${-v}` : '0')}
              />
              <table>
                <caption>{m('attainment.goalTable', { goal: goal.title })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m('goals.when')}</th>
                    <th scope="col">{m('goals.rater')}</th>
                    <th scope="col">{m('goals.score')}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.length === 0 && (
                    <tr>
                      <td colSpan={3}>{m('attainment.noScores')}</td>
                    </tr>
                  )}
                  {history.map((record, i) => (
                    <tr key={i}>
                      <td>{record.time ? formatDateTime(timestampDate(record.time)) : ''}</td>
                      <td>{raterName(record.ratedBy)}</td>
                      <td>{gasLabel(record.score)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </>
  );
}
