// The coordinator's pure rules: the guide form, the caseload's states, the figures' period and
// the figures drawn from the two summaries.
import { create } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { ExperienceArea, Rater, ServicePlace } from '../src/gen/rinnalla/v1/common_pb';
import { GuideSchema, Guide_State } from '../src/gen/rinnalla/v1/directory_pb';
import { Assignment_EndReason } from '../src/gen/rinnalla/v1/matching_pb';
import { OutcomeSummarySchema } from '../src/gen/rinnalla/v1/notes_pb';
import { SummarizeVisitsResponseSchema } from '../src/gen/rinnalla/v1/visits_pb';
import { setLanguage } from '../src/shared/i18n/i18n';
import { caseloadRows, caseloadStatus, caseloadTotals } from '../src/staff/coordinator/caseload';
import { figuresCsv, figuresOf } from '../src/staff/coordinator/figures';
import { toCsv } from '../src/staff/csv';
import { formatHours, roundHours } from '../src/staff/hours';
import { changedFields, draftOf, emptyDraft, guideFields, guideProblems } from '../src/staff/coordinator/guide-rules';
import { lastYear, periodTimes } from '../src/staff/coordinator/period';

const guide = (fields: { activeClientCount?: number; maxActiveClients?: number; state?: Guide_State; displayName?: string } = {}) =>
  create(GuideSchema, {
    name: 'organizations/o/guides/1',
    displayName: 'Olli Ohjaaja',
    experienceAreas: [ExperienceArea.MENTAL_HEALTH],
    languages: ['fi'],
    municipalities: ['398'],
    maxActiveClients: 5,
    state: Guide_State.ACTIVE,
    ...fields,
  });

describe('the guide form', () => {
  it('asks for a name, an area, a language, municipality codes, a cap of 1..50 and a state', () => {
    setLanguage('en');
    expect(guideProblems({ ...emptyDraft(), languages: [], capacity: '0', state: 0 })).toEqual([
      'Write a name.',
      'Choose at least one experience area.',
      'Choose at least one language.',
      'Write at least one three-digit municipality code, e.g. 398.',
      'The number of clients must be a whole number from 1 to 50.',
      'Choose a state.',
    ]);
    const good = { ...draftOf(guide()), municipalities: '398, 111' };
    expect(guideProblems(good)).toEqual([]);
    expect(guideProblems({ ...good, municipalities: '398, Lahti' })).toHaveLength(1);
    expect(guideProblems({ ...good, capacity: '51' })).toHaveLength(1);
    expect(guideProblems({ ...good, capacity: '2.5' })).toHaveLength(1);
    expect(guideProblems({ ...good, displayName: 'x'.repeat(201) })).toHaveLength(1);
  });

  it('sends trimmed fields, each municipality once', () => {
    expect(guideFields({ ...draftOf(guide()), displayName: ' Olli ', municipalities: '398 398;111' })).toMatchObject({
      displayName: 'Olli',
      municipalities: ['398', '111'],
      maxActiveClients: 5,
    });
  });

  it('masks only the fields an edit changed', () => {
    const stored = guide();
    expect(changedFields(stored, draftOf(stored))).toEqual([]);
    expect(changedFields(stored, { ...draftOf(stored), capacity: '6', state: Guide_State.ON_BREAK })).toEqual(['max_active_clients', 'state']);
    expect(changedFields(stored, { ...draftOf(stored), municipalities: '398, 111', areas: [ExperienceArea.DEBT] })).toEqual([
      'experience_areas',
      'municipalities',
    ]);
  });
});

describe('the caseload', () => {
  it('tells full, near the cap, on a break, room and not guiding apart', () => {
    expect(caseloadStatus(guide({ activeClientCount: 5 }))).toBe('FULL');
    expect(caseloadStatus(guide({ activeClientCount: 4 }))).toBe('NEAR');
    expect(caseloadStatus(guide({ activeClientCount: 3 }))).toBe('ROOM');
    expect(caseloadStatus(guide({ maxActiveClients: 20, activeClientCount: 16 }))).toBe('NEAR');
    expect(caseloadStatus(guide({ maxActiveClients: 20, activeClientCount: 15 }))).toBe('ROOM');
    expect(caseloadStatus(guide({ state: Guide_State.ON_BREAK, activeClientCount: 5 }))).toBe('ON_BREAK');
    expect(caseloadStatus(guide({ state: Guide_State.IN_TRAINING }))).toBe('NOT_GUIDING');
  });

  it('lists those who need attention first and counts free places of guiding guides only', () => {
    const rows = caseloadRows([
      guide({ displayName: 'Room', activeClientCount: 1 }),
      guide({ displayName: 'Break', state: Guide_State.ON_BREAK, activeClientCount: 2 }),
      guide({ displayName: 'Full', activeClientCount: 5 }),
      guide({ displayName: 'Near', activeClientCount: 4 }),
    ]);
    expect(rows.map((row) => row.guide.displayName)).toEqual(['Full', 'Near', 'Break', 'Room']);
    expect(caseloadTotals(rows)).toEqual({ taken: 12, capacity: 15, free: 5, full: 1, near: 1, onBreak: 1 });
  });
});

describe('the period', () => {
  it('is twelve months up to today by default, the end day included', () => {
    expect(lastYear(new Date(2026, 11, 1))).toEqual({ start: '2025-12-02', end: '2026-12-01' });
    const times = periodTimes({ start: '2026-01-01', end: '2026-01-31' })!;
    expect(times.start).toEqual(new Date(2026, 0, 1));
    expect(times.end).toEqual(new Date(2026, 1, 1));
  });

  it('refuses an end before the start and impossible days', () => {
    expect(periodTimes({ start: '2026-02-01', end: '2026-01-31' })).toBeNull();
    expect(periodTimes({ start: '2026-02-30', end: '2026-03-01' })).toBeNull();
    expect(periodTimes({ start: '', end: '2026-03-01' })).toBeNull();
  });
});

describe('the figures', () => {
  const outcomes = create(OutcomeSummarySchema, {
    assignmentsStarted: 12,
    assignmentsEnded: 7,
    endedByReason: [
      { endReason: Assignment_EndReason.GOALS_REACHED, count: 5 },
      { endReason: Assignment_EndReason.CLIENT_MOVED, count: 2 },
    ],
    medianGuidanceDays: 121.5,
    clientsGuided: 15,
    goalsAchieved: 8,
    goalsNotAchieved: 2,
    goalsDropped: 1,
    achievedShare: 0.8,
    meanClosingTScore: 55.25,
    closingsScored: 6,
    closingsScoredByClient: 0,
    closingTScoreByRater: [
      { rater: Rater.CLIENT, closingsScored: 0 },
      { rater: Rater.GUIDE, meanClosingTScore: 52.5, closingsScored: 6 },
      { rater: Rater.SOCIAL_WORKER, meanClosingTScore: 58, closingsScored: 2 },
    ],
  });
  const visits = create(SummarizeVisitsResponseSchema, {
    totals: {
      visits: 40,
      minutes: 2700n,
      hours: 45,
      accompaniedVisits: 10,
      accompaniedByPlace: [{ place: ServicePlace.KELA, accompaniedVisits: 6, appointmentsKept: 5 }],
      byPlace: [
        { place: ServicePlace.KELA, visits: 6, minutes: 540n, hours: 9 },
        { place: ServicePlace.PUBLIC_PLACE, visits: 30, minutes: 2025n, hours: 33.75 },
      ],
    },
  });

  it('draws every figure the pilot asks for, with no score where there is none', () => {
    setLanguage('en');
    const figures = figuresOf(outcomes, visits);
    expect(figures.keys.map((key) => [key.label, key.text])).toEqual([
      ['Guidances started', '12'],
      ['Guidances ended', '7'],
      ['Length of a guidance, median (days)', '122'],
      ['Clients guided', '15'],
      ['Visits', '40'],
      ['Hours of visits', '45.0'],
      ['Share of goals achieved', '80 %'],
      ['T-score at closing, mean', '55.3'],
    ]);
    const chart = (id: string) => figures.charts.find((c) => c.id === id)!;
    expect(chart('endReasons').rows).toEqual([
      { label: 'Goals reached', values: [5] },
      { label: 'The client moved', values: [2] },
    ]);
    expect(chart('places').rows).toEqual([{ label: 'Kela', values: [6, 5] }]);
    expect(chart('placeHours').rows).toEqual([
      { label: 'Kela', values: [6, 9] },
      { label: 'Café, library or other public place', values: [30, 33.8] },
    ]);
    expect(chart('placeHours').series.map((series) => series.format(33.8))).toEqual(['34', '33.8']);
    expect(chart('tScores').rows).toEqual([
      { label: 'All raters, latest', values: [55.25] },
      { label: "The client's own rating", values: [null] },
      { label: "The guide's rating", values: [52.5] },
      { label: "The social worker's rating", values: [58] },
    ]);
    expect(chart('tScores').note).toBe(
      "Means over 6 ended guidances with ratings; 0 with the client's own, 6 with the guide's and 2 with the social worker's.",
    );
    expect(chart('goals').rows.map((row) => row.values[0])).toEqual([8, 2, 1]);
  });

  it('rounds hours once: 45 minutes are 0.8 hours in the tiles, in every chart and its table, and in the CSV', () => {
    const threeQuarters = create(SummarizeVisitsResponseSchema, {
      totals: { visits: 1, minutes: 45n, hours: 0.75, byPlace: [{ place: ServicePlace.KELA, visits: 1, minutes: 45n, hours: 0.75 }] },
    });
    for (const [language, shown] of [['fi', '0,8'], ['sv', '0,8'], ['en', '0.8']] as const) {
      setLanguage(language);
      const figures = figuresOf(outcomes, threeQuarters);
      const hoursKey = figures.keys[5]!;
      expect(hoursKey.text).toBe(shown);
      const hoursShown = figures.charts
        .filter((chart) => chart.id === 'visits' || chart.id === 'placeHours')
        .map((chart) => chart.series[1]!.format(chart.rows[0]!.values[1]!));
      expect(hoursShown).toEqual([shown, shown]);
      const csvHours = figuresCsv(figures, '2026-01-01', '2026-12-01')
        .filter((row) => row[1] === hoursKey.label || row[2] === figures.charts.find((chart) => chart.id === 'visits')!.series[1]!.name)
        .map((row) => row[3])
        .filter((value) => value !== null); // accompanied visits have no hours of their own
      expect(csvHours).toEqual([0.8, 0.8, 0.8]);
      expect(toCsv([[csvHours[0]]])).toBe('0.8\r\n');
    }
  });

  it('writes hours with one decimal in the language, and the same tenth in a CSV', () => {
    setLanguage('fi');
    expect([0.75, 45, 1.25, 0.04, 1234.56].map(formatHours)).toEqual(['0,8', '45,0', '1,3', '0,0', '1\u00a0234,6']);
    expect([0.75, 45, 1.25, 0.04, 1234.56].map(roundHours)).toEqual([0.8, 45, 1.3, 0, 1234.6]);
    setLanguage('en');
    expect(formatHours(1234.56)).toBe('1,234.6');
  });

  it('writes the period and every figure into the CSV rows', () => {
    setLanguage('en');
    const rows = figuresCsv(figuresOf(outcomes, visits), '2026-01-01', '2026-12-01');
    expect(rows[0]).toEqual(['Figure', 'Item', 'Series', 'Value']);
    expect(rows).toContainEqual(['Period', 'From', '', '2026-01-01']);
    expect(rows).toContainEqual(['Guidances ended, by reason', 'Goals reached', 'Number', 5]);
    expect(rows).toContainEqual([
      'Accompanied visits by service place, and appointments kept',
      'Kela',
      'Appointments kept',
      5,
    ]);
    expect(rows).toContainEqual(['Visits and hours by service place', 'Café, library or other public place', 'Hours', 33.8]);
    expect(rows).toContainEqual(['Key figures', 'Length of a guidance, median (days)', '', 121.5]);
  });
});
