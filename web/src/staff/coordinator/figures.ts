// The pilot's figures for a period, from SummarizeOutcomes and SummarizeVisits, as the figures
// screen draws them: key numbers, and for each chart its rows (the same rows fill the table
// beside the chart and the CSV export).
import { Rater, ServicePlace } from '../../gen/rinnalla/v1/common_pb';
import { Assignment_EndReason } from '../../gen/rinnalla/v1/matching_pb';
import type { OutcomeSummary, RaterClosingTScore } from '../../gen/rinnalla/v1/notes_pb';
import type { SummarizeVisitsResponse } from '../../gen/rinnalla/v1/visits_pb';
import { codeName, formatNumber } from '../../shared/i18n/i18n';
import type { Cell } from '../csv';
import { formatHours, roundHours } from '../hours';
import { m } from './messages';

// The T-score at closing by each rater, the client's own view first (as the server sends them).
const raters = [
  { rater: Rater.CLIENT, key: 'figures.rater.client' },
  { rater: Rater.GUIDE, key: 'figures.rater.guide' },
  { rater: Rater.SOCIAL_WORKER, key: 'figures.rater.socialWorker' },
] as const;

function byRater(outcomes: OutcomeSummary, rater: Rater): RaterClosingTScore | undefined {
  return outcomes.closingTScoreByRater.find((t) => t.rater === rater);
}

export interface ChartRow {
  label: string;
  /** One value per series; null where there is none (no score yet). */
  values: (number | null)[];
}

/** One series of a chart: its name and how its values are written (hours: `formatHours`). */
export interface Series {
  name: string;
  format: (value: number) => string;
}

export interface Chart {
  id: string;
  title: string;
  series: Series[];
  rows: ChartRow[];
  /** The value axis: from 0 (or `min`) to `max` (the largest value when unset). */
  min?: number;
  max?: number;
  /** A reference line, e.g. the T-score's expected 50. */
  reference?: number;
  /** A sentence under the title, e.g. how many guidances the means are over. */
  note?: string;
}

export interface KeyFigure {
  label: string;
  value: number | null;
  text: string;
}

export interface Figures {
  keys: KeyFigure[];
  charts: Chart[];
}

const decimal = (digits: number) => (value: number) => formatNumber(Math.round(value * 10 ** digits) / 10 ** digits);
const whole = (value: number) => formatNumber(Math.round(value));
const percent = (value: number) => `${formatNumber(Math.round(value * 10) / 10)} %`;
const series = (name: string, format: (value: number) => string): Series => ({ name, format });

function key(label: string, value: number | null | undefined, format: (v: number) => string): KeyFigure {
  const known = value ?? null;
  return { label, value: known, text: known === null ? m('figures.none') : format(known) };
}

export function figuresOf(outcomes: OutcomeSummary, visits: SummarizeVisitsResponse): Figures {
  const totals = visits.totals;
  // Hours are rounded once, here: the tiles, the charts, their tables and the CSV show the same tenth.
  const hours = roundHours(totals?.hours ?? 0);
  const achievedShare = outcomes.achievedShare === undefined ? null : outcomes.achievedShare * 100;
  const keys: KeyFigure[] = [
    key(m('figures.started'), outcomes.assignmentsStarted, whole),
    key(m('figures.ended'), outcomes.assignmentsEnded, whole),
    key(m('figures.medianDays'), outcomes.medianGuidanceDays, decimal(0)),
    key(m('figures.clientsGuided'), outcomes.clientsGuided, whole),
    key(m('figures.visits'), totals?.visits ?? 0, whole),
    key(m('figures.hours'), hours, formatHours),
    key(m('figures.achievedShare'), achievedShare, percent),
    key(m('figures.meanT'), outcomes.meanClosingTScore, decimal(1)),
  ];
  const reasons = outcomes.endedByReason.map((r) => ({
    label: endReasonName(r.endReason),
    values: [r.count],
  }));
  const placeHours = (totals?.byPlace ?? []).map((p) => ({
    label: codeName('place', String(ServicePlace[p.place])),
    values: [p.visits, roundHours(p.hours)],
  }));
  const places = (totals?.accompaniedByPlace ?? []).map((p) => ({
    label: codeName('place', String(ServicePlace[p.place])),
    values: [p.accompaniedVisits, p.appointmentsKept],
  }));
  const charts: Chart[] = [
    {
      id: 'assignments',
      title: m('figures.chart.assignments'),
      series: [series(m('figures.series.count'), whole)],
      rows: [
        { label: m('figures.started'), values: [outcomes.assignmentsStarted] },
        { label: m('figures.ended'), values: [outcomes.assignmentsEnded] },
      ],
    },
    {
      id: 'endReasons',
      title: m('figures.chart.endReasons'),
      series: [series(m('figures.series.count'), whole)],
      rows: reasons,
    },
    {
      id: 'visits',
      title: m('figures.chart.visits'),
      series: [series(m('figures.series.visits'), whole), series(m('figures.series.hours'), formatHours)],
      rows: [
        { label: m('figures.allVisits'), values: [totals?.visits ?? 0, hours] },
        {
          label: m('figures.accompaniedVisits'),
          values: [totals?.accompaniedVisits ?? 0, null],
        },
      ],
    },
    {
      id: 'placeHours',
      title: m('figures.chart.placeHours'),
      series: [series(m('figures.series.visits'), whole), series(m('figures.series.hours'), formatHours)],
      rows: placeHours,
      note: m('figures.placeHoursNote'),
    },
    {
      id: 'places',
      title: m('figures.chart.places'),
      series: [series(m('figures.series.accompanied'), whole), series(m('figures.series.kept'), whole)],
      rows: places,
    },
    {
      id: 'goals',
      title: m('figures.chart.goals'),
      series: [series(m('figures.series.count'), whole)],
      rows: [
        { label: m('figures.goalsAchieved'), values: [outcomes.goalsAchieved] },
        { label: m('figures.goalsNotAchieved'), values: [outcomes.goalsNotAchieved] },
        { label: m('figures.goalsDropped'), values: [outcomes.goalsDropped] },
      ],
    },
    {
      id: 'tScores',
      title: m('figures.chart.tScores'),
      series: [series(m('figures.series.meanT'), decimal(1))],
      rows: [
        { label: m('figures.rater.latest'), values: [outcomes.meanClosingTScore ?? null] },
        ...raters.map(({ rater, key }) => ({
          label: m(key),
          values: [byRater(outcomes, rater)?.meanClosingTScore ?? null],
        })),
      ],
      note: m('figures.tScoresOver', {
        all: outcomes.closingsScored,
        client: byRater(outcomes, Rater.CLIENT)?.closingsScored ?? 0,
        guide: byRater(outcomes, Rater.GUIDE)?.closingsScored ?? 0,
        worker: byRater(outcomes, Rater.SOCIAL_WORKER)?.closingsScored ?? 0,
      }),
      min: 20,
      max: 80,
      reference: 50,
    },
  ];
  return { keys, charts };
}

export function endReasonName(reason: Assignment_EndReason): string {
  const name = `endReason.${Assignment_EndReason[reason] ?? ''}`;
  return m.has(name) ? m(name) : String(Assignment_EndReason[reason] ?? reason);
}

/** Every figure as rows of a CSV file: the period, then figure, item, series, value. */
export function figuresCsv(figures: Figures, start: string, end: string): Cell[][] {
  const rows: Cell[][] = [
    [m('csv.figure'), m('csv.item'), m('csv.series'), m('csv.value')],
    [m('figures.period'), m('figures.from'), '', start],
    [m('figures.period'), m('figures.to'), '', end],
  ];
  for (const figure of figures.keys) rows.push([m('figures.keyFigures'), figure.label, '', figure.value]);
  for (const chart of figures.charts) {
    for (const row of chart.rows) {
      row.values.forEach((value, i) => rows.push([chart.title, row.label, chart.series[i]?.name ?? '', value]));
    }
  }
  return rows;
}
