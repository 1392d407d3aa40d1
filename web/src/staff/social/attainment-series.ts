// Goal attainment over time, from the scores the server returns (GetGoalAttainment's history):
// each goal's scores by rater, and the GAS T-score over time (Kiresuk and Sherman, ρ = 0.3 as the
// server uses) of each rater's latest score on every goal they had scored by then.
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Rater } from '../../gen/rinnalla/v1/common_pb';
import type { GoalProgress } from '../../gen/rinnalla/v1/notes_pb';

export const RHO = 0.3;
export const RATERS = [Rater.CLIENT, Rater.GUIDE, Rater.SOCIAL_WORKER] as const;

export interface Point {
  time: Date;
  value: number;
}

export function tScore(goals: { weight: number; score: number }[], rho = RHO): number | null {
  if (goals.length === 0) return null;
  let weighted = 0;
  let squares = 0;
  let sum = 0;
  for (const { weight, score } of goals) {
    weighted += weight * score;
    squares += weight * weight;
    sum += weight;
  }
  return 50 + (10 * weighted) / Math.sqrt((1 - rho) * squares + rho * sum * sum);
}

/** One goal's scores by one rater, oldest first. */
export function goalSeries(goal: GoalProgress, rater: Rater): Point[] {
  return goal.history
    .filter((record) => record.ratedBy === rater && record.time)
    .map((record) => ({ time: timestampDate(record.time!), value: record.score }))
    .sort((a, b) => a.time.getTime() - b.time.getTime());
}

/** A rater's T-score after each of their ratings, over the goals they had scored by then. */
export function tScoreSeries(goals: GoalProgress[], rater: Rater): Point[] {
  const events = goals
    .flatMap((goal) =>
      goalSeries(goal, rater).map((point) => ({ ...point, goal: goal.goal, weight: goal.weight || 1 })),
    )
    .sort((a, b) => a.time.getTime() - b.time.getTime());
  const latest = new Map<string, { weight: number; score: number }>();
  const out: Point[] = [];
  for (const event of events) {
    latest.set(event.goal, { weight: event.weight, score: event.value });
    const value = tScore([...latest.values()])!;
    const last = out.at(-1);
    if (last && last.time.getTime() === event.time.getTime()) last.value = value;
    else out.push({ time: event.time, value });
  }
  return out;
}
