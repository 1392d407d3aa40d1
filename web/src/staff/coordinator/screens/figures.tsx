// The pilot's figures for a period: key numbers, then each figure as a chart with its table
// beside it, and the whole as a CSV file. Both summaries are asked for at once.
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { useEffect, useState } from 'preact/hooks';
import { notes, visits } from '../../../shared/api/clients';
import { refusalFromError } from '../../../shared/api/refusal';
import { session } from '../../../shared/auth/session';
import type { SectionProps } from '../../section';
import { downloadCsv } from '../../csv';
import { wordRefusal } from '../../social/refusal-words';
import { figuresCsv, figuresOf, type Figures } from '../figures';
import { m } from '../messages';
import { lastYear, periodTimes, type Period } from '../period';
import { BarChart } from './bar-chart';
import '../coordinator.css';

async function readFigures(period: Period): Promise<Figures> {
  const times = periodTimes(period)!;
  const parent = `organizations/${session()!.org}`;
  const startTime = timestampFromDate(times.start);
  const endTime = timestampFromDate(times.end);
  // Marks for the browser test's figure: when each answer arrived, and when they were drawn.
  const began = performance.now();
  const [outcomes, visitTotals] = await Promise.all([
    notes.summarizeOutcomes({ parent, period: { startTime, endTime } }).finally(() => performance.measure('rinnalla-figures-outcomes', { start: began })),
    visits.summarizeVisits({ parent, startTime, endTime, totalsOnly: true }).finally(() => performance.measure('rinnalla-figures-visits', { start: began })),
  ]);
  return figuresOf(outcomes, visitTotals);
}

export default function FiguresSection({ view, go }: SectionProps) {
  const shown: Period = typeof view.start === 'string' && typeof view.end === 'string' ? { start: view.start, end: view.end } : lastYear();
  const [draft, setDraft] = useState<Period>(shown);
  const [state, setState] = useState<{ figures?: Figures; problem?: string; loading: boolean }>({ loading: true });
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    let alive = true;
    setState((current) => ({ ...current, loading: true, problem: undefined }));
    readFigures(shown).then(
      (figures) => alive && setState({ figures, loading: false }),
      (error: unknown) => alive && setState({ problem: wordRefusal(refusalFromError(error)), loading: false }),
    );
    return () => {
      alive = false;
    };
  }, [shown.start, shown.end]);

  const show = (event: Event) => {
    event.preventDefault();
    const ok = periodTimes(draft) !== null;
    setInvalid(!ok);
    if (ok) go({ start: draft.start, end: draft.end }, true);
  };
  const figures = state.figures;
  useEffect(() => {
    if (figures && !state.loading) performance.mark('rinnalla-figures-drawn');
  }, [figures, state.loading]);

  return (
    <div class="desk">
      <h1>{m('nav.figures')}</h1>
      <form class="period" onSubmit={show} noValidate>
        <div class="field">
          <label for="period-start">{m('figures.from')}</label>
          <input id="period-start" type="date" value={draft.start} onInput={(event) => setDraft({ ...draft, start: (event.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="period-end">{m('figures.to')}</label>
          <input id="period-end" type="date" value={draft.end} onInput={(event) => setDraft({ ...draft, end: (event.target as HTMLInputElement).value })} />
        </div>
        <div class="actions">
          <button type="submit">{m('figures.show')}</button>
          <button
            type="button"
            class="secondary"
            disabled={!figures || state.loading}
            onClick={() => figures && downloadCsv(`rinnalla-${m('csv.figuresFile')}-${shown.start}--${shown.end}.csv`, figuresCsv(figures, shown.start, shown.end))}
          >
            {m('figures.csv')}
          </button>
        </div>
      </form>
      {invalid && (
        <p class="notice problem" role="alert">
          {m('figures.badPeriod')}
        </p>
      )}
      {state.problem && (
        <p class="notice problem" role="alert">
          {state.problem}
        </p>
      )}
      <p role="status" class={state.loading ? '' : 'sr-only'}>
        {state.loading ? m('loading') : figures ? m('figures.shownFor', { start: shown.start, end: shown.end }) : ''}
      </p>
      {figures && (
        <div class="figures" aria-busy={state.loading}>
          <h2 class="sr-only">{m('figures.keyFigures')}</h2>
          <dl class="key-figures">
            {figures.keys.map((figure) => (
              <div key={figure.label}>
                <dt>{figure.label}</dt>
                <dd>{figure.text}</dd>
              </div>
            ))}
          </dl>
          {figures.charts.map((chart) => (
            <BarChart key={chart.id} chart={chart} />
          ))}
        </div>
      )}
    </div>
  );
}
