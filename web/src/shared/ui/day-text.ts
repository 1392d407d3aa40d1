// A day as the user writes and reads it in the chosen language (fi 1.12.2026, sv 1.12.2026,
// en 01/12/2026: the order and separator of Intl.DateTimeFormat), held as yyyy-mm-dd.
import { locale, t } from '../i18n/i18n';

type Part = 'day' | 'month' | 'year';

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

function dayFormat(): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'numeric', year: 'numeric' });
}

function partsOrder(): { order: Part[]; separator: string } {
  const parts = dayFormat().formatToParts(new Date(2026, 11, 31));
  const order = parts.map((part) => part.type).filter((type): type is Part => type === 'day' || type === 'month' || type === 'year');
  return { order, separator: parts.find((part) => part.type === 'literal')?.value ?? '.' };
}

/** The day `iso` (yyyy-mm-dd) written in the chosen language; '' stays ''. */
export function formatDay(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? dayFormat().format(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : iso;
}

/** How a day is written, e.g. "pp.kk.vvvv", in the chosen language's letters and order. */
export function dayPattern(): string {
  const { order, separator } = partsOrder();
  return order.map((part) => t(`date.${part}Letters`)).join(separator);
}

/**
 * The day the user wrote, as yyyy-mm-dd: in the chosen language's order with any separator
 * ("1.12.2026", "01/12/2026"), or as yyyy-mm-dd itself; null when it is no day of the calendar.
 */
export function parseDay(text: string): string | null {
  const trimmed = text.trim();
  const numbers = trimmed.split(/[^0-9]+/).filter(Boolean).map(Number);
  if (numbers.length !== 3) return null;
  let year: number;
  let month: number;
  let day: number;
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(trimmed)) {
    [year, month, day] = numbers as [number, number, number];
  } else {
    const { order } = partsOrder();
    const value = (part: Part) => numbers[order.indexOf(part)]!;
    [year, month, day] = [value('year'), value('month'), value('day')];
  }
  if (year < 1000 || year > 9999) return null;
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? isoOf(year, month, day) : null;
}
