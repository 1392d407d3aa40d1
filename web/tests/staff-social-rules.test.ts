// The social worker's pure rules: the guided GAS form, what a meeting record needs, timeline
// entries worded from their parts, and the T-score over time.
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { Rater, ServicePlace } from '../src/gen/rinnalla/v1/common_pb';
import { Assignment_EndReason } from '../src/gen/rinnalla/v1/matching_pb';
import { Goal_State, Meeting_Kind } from '../src/gen/rinnalla/v1/meetings_pb';
import { GoalProgressSchema, TimelineEntrySchema, TimelineEntry_Kind } from '../src/gen/rinnalla/v1/notes_pb';
import { Visit_Mode } from '../src/gen/rinnalla/v1/visits_pb';
import { setLanguage } from '../src/shared/i18n/i18n';
import { goalSeries, tScore, tScoreSeries } from '../src/staff/social/attainment-series';
import { emptyGoal, gasLabel, goalProblems, nextLevelToFill } from '../src/staff/social/gas-rules';
import { needsThreeParties, recordProblems } from '../src/staff/social/meeting-rules';
import { entryDetails, wordEntry } from '../src/staff/social/timeline-words';

const full = { title: 'Käyn vertaisryhmässä', area: 3, levels: ['En käy', 'Kerran', 'Kahdesti kuussa', 'Viikoittain', 'Ohjaan ryhmää'] };

describe('the GAS form', () => {
  it('names the levels from −2 to +2', () => {
    setLanguage('en');
    expect([-2, -1, 0, 1, 2].map(gasLabel)).toEqual([
      '−2 Much less than expected',
      '−1 Less than expected',
      '0 As expected',
      '+1 More than expected',
      '+2 Much more than expected',
    ]);
  });

  it('guides the expected level first, then ±1, then ±2', () => {
    const goal = emptyGoal();
    expect(nextLevelToFill(goal)).toBe(2);
    goal.levels[2] = 'x';
    expect(nextLevelToFill(goal)).toBe(1);
    goal.levels[1] = 'y';
    expect(nextLevelToFill(goal)).toBe(3);
    goal.levels[3] = 'z';
    expect(nextLevelToFill(goal)).toBe(0);
    goal.levels[0] = 'w';
    expect(nextLevelToFill(goal)).toBe(4);
    goal.levels[4] = 'v';
    expect(nextLevelToFill(goal)).toBeNull();
  });

  it('needs a title, an area, all five levels, each different and not too long', () => {
    setLanguage('en');
    expect(goalProblems(full, 1)).toEqual([]);
    expect(goalProblems(emptyGoal(), 2)).toEqual([
      "Goal 2: write the goal in the client's own words.",
      'Goal 2: pick the area of life.',
      'Goal 2: describe level −2 Much less than expected.',
      'Goal 2: describe level −1 Less than expected.',
      'Goal 2: describe level 0 As expected.',
      'Goal 2: describe level +1 More than expected.',
      'Goal 2: describe level +2 Much more than expected.',
    ]);
    expect(goalProblems({ ...full, levels: ['a', 'b', 'A ', 'c', 'd'] }, 1)).toEqual(['Goal 1: each level needs a description of its own.']);
    expect(goalProblems({ ...full, title: 'x'.repeat(501) }, 1)).toEqual(['Goal 1: at most 500 characters.']);
    expect(goalProblems({ ...full, levels: [...full.levels.slice(0, 4), 'x'.repeat(501)] }, 1)).toHaveLength(1);
  });
});

describe('a meeting record', () => {
  const all = { client: true, socialWorker: true, guide: true };
  it('needs all three parties at the initial and the closing meeting only', () => {
    setLanguage('en');
    expect(needsThreeParties(Meeting_Kind.INITIAL)).toBe(true);
    expect(needsThreeParties(Meeting_Kind.CLOSING)).toBe(true);
    expect(needsThreeParties(Meeting_Kind.REVIEW)).toBe(false);
    const missing = "This meeting needs the client, the social worker and the guide present.";
    expect(recordProblems(Meeting_Kind.INITIAL, { ...all, guide: false }, [full])).toEqual([missing]);
    expect(recordProblems(Meeting_Kind.CLOSING, { ...all, client: false }, [])).toEqual([missing]);
    expect(recordProblems(Meeting_Kind.REVIEW, { client: true, socialWorker: false, guide: false }, [])).toEqual([]);
    expect(recordProblems(Meeting_Kind.INITIAL, all, [full])).toEqual([]);
  });

  it('needs a goal at the initial meeting, and every goal complete', () => {
    setLanguage('en');
    expect(recordProblems(Meeting_Kind.INITIAL, all, [])).toEqual(['The initial meeting agrees at least one goal.']);
    expect(recordProblems(Meeting_Kind.REVIEW, all, [{ ...full, area: 0 }])).toEqual(['Goal 1: pick the area of life.']);
    expect(recordProblems(Meeting_Kind.REVIEW, all, [], [{ area: 0, description: 'Yksinäisyys' }, { area: 0, description: ' ' }])).toEqual([
      'Support need 1: pick the area of life.',
    ]);
  });
});

describe('timeline entries', () => {
  const entry = (kind: TimelineEntry_Kind, parts: object, more: object = {}) =>
    create(TimelineEntrySchema, { kind, summary: 'English summary', parts, ...more });

  it('are worded from their parts in the user language', () => {
    setLanguage('fi');
    const visit = entry(TimelineEntry_Kind.VISIT, {
      visitMode: Visit_Mode.ACCOMPANIED,
      durationMinutes: 90,
      places: [ServicePlace.KELA, ServicePlace.HOUSING],
      excerpt: 'Kävimme Kelassa',
    });
    expect(wordEntry(visit)).toMatch(/^Käynti 90 min, .+: Kela ja /);
    expect(entryDetails(visit)).toEqual(['Kävimme Kelassa']);
    setLanguage('en');
    expect(wordEntry(entry(TimelineEntry_Kind.GOAL_CLOSED, { goalTitle: 'Saan asunnon', goalState: Goal_State.NOT_ACHIEVED }))).toBe(
      'Goal not achieved: Saan asunnon',
    );
    expect(wordEntry(entry(TimelineEntry_Kind.ASSIGNMENT_ENDED, { endReason: Assignment_EndReason.REMATCH }))).toBe('Guidance ended: a new guide');
    expect(wordEntry(entry(TimelineEntry_Kind.MEETING_HELD, { meetingKind: Meeting_Kind.REVIEW }))).toBe('Review meeting held');
    expect(wordEntry(entry(TimelineEntry_Kind.NOTE, { correction: true }))).toBe('Correction of an earlier note');
    setLanguage('sv');
    expect(wordEntry(entry(TimelineEntry_Kind.MEETING_SCHEDULED, { meetingKind: Meeting_Kind.INITIAL, scheduledTime: timestampFromDate(new Date('2026-12-01T10:00:00Z')) }))).toMatch(
      /^Första mötet bokat till /,
    );
  });

  it('say when words are withheld or amended, and fall back to the summary without parts', () => {
    setLanguage('en');
    const withheld = entry(TimelineEntry_Kind.NOTE, {}, { textWithheld: true, amended: true, revision: 2 });
    expect(entryDetails(withheld)).toEqual([
      "The guide's words are not shown: the client has not consented to information sharing.",
      'amended, revision 2',
    ]);
    expect(wordEntry(create(TimelineEntrySchema, { kind: TimelineEntry_Kind.VISIT, summary: 'English summary' }))).toBe('English summary');
  });
});

describe('goal attainment over time', () => {
  it('computes the T-score as the server does (ρ = 0.3)', () => {
    expect(tScore([])).toBeNull();
    expect(tScore([{ weight: 1, score: 0 }])).toBe(50);
    expect(tScore([{ weight: 1, score: 1 }])).toBeCloseTo(60);
    expect(tScore([{ weight: 1, score: 1 }, { weight: 1, score: 1 }])).toBeCloseTo(50 + 20 / Math.sqrt(0.7 * 2 + 0.3 * 4));
  });

  it('follows each rater on their own, with the latest score of every goal they rated', () => {
    const at = (day: number) => timestampFromDate(new Date(Date.UTC(2026, 0, day)));
    const a = create(GoalProgressSchema, {
      goal: 'a',
      weight: 1,
      history: [
        { score: -1, ratedBy: Rater.CLIENT, time: at(1) },
        { score: 1, ratedBy: Rater.CLIENT, time: at(10) },
        { score: 0, ratedBy: Rater.GUIDE, time: at(2) },
      ],
    });
    const b = create(GoalProgressSchema, { goal: 'b', weight: 1, history: [{ score: 1, ratedBy: Rater.CLIENT, time: at(5) }] });
    expect(goalSeries(a, Rater.CLIENT).map((p) => p.value)).toEqual([-1, 1]);
    const client = tScoreSeries([a, b], Rater.CLIENT);
    expect(client.map((p) => p.time.getUTCDate())).toEqual([1, 5, 10]);
    expect(client[0]!.value).toBeCloseTo(40);
    expect(client[1]!.value).toBeCloseTo(50); // −1 and +1
    expect(client[2]!.value).toBeCloseTo(tScore([{ weight: 1, score: 1 }, { weight: 1, score: 1 }])!);
    expect(tScoreSeries([a, b], Rater.GUIDE).map((p) => p.value)).toEqual([50]);
    expect(tScoreSeries([a, b], Rater.SOCIAL_WORKER)).toEqual([]);
  });
});
