// The figures' period as the coordinator picks it: whole days in the user's time zone, the end
// day included; by default the twelve months up to today.
export interface Period {
  /** yyyy-mm-dd, as a date input holds it. */
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const dayOf = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

export function lastYear(today = new Date()): Period {
  const start = new Date(today.getFullYear() - 1, today.getMonth(), today.getDate() + 1);
  return { start: dayOf(start), end: dayOf(today) };
}

/** The half-open interval the API takes: from the start day's midnight to the day after the end. */
export function periodTimes(period: Period): { start: Date; end: Date } | null {
  const parse = (day: string) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
    if (!match) return null;
    const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    return dayOf(date) === day ? date : null;
  };
  const start = parse(period.start);
  const end = parse(period.end);
  if (!start || !end || end < start) return null;
  return { start, end: new Date(end.getFullYear(), end.getMonth(), end.getDate() + 1) };
}
