// A time of day as the user writes and reads it in the chosen language (fi and sv 14.30, en
// 14:30: the separator of Intl.DateTimeFormat, 24 hours), held as HH:MM.
import { locale, t } from '../i18n/i18n';

type Part = 'hour' | 'minute';

const pad = (n: number) => String(n).padStart(2, '0');

function timeFormat(): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** The time `hhmm` (HH:MM) written in the chosen language; anything else stays as it is. */
export function formatTime(hhmm: string): string {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  return match ? timeFormat().format(new Date(2026, 0, 1, Number(match[1]), Number(match[2]))) : hhmm;
}

/** How a time is written, e.g. "tt.mm", in the chosen language's letters and separator. */
export function timePattern(): string {
  const parts = timeFormat().formatToParts(new Date(2026, 0, 1, 14, 30));
  const separator = parts.find((part) => part.type === 'literal')?.value ?? ':';
  const order = parts.map((part) => part.type).filter((type): type is Part => type === 'hour' || type === 'minute');
  return order.map((part) => t(`time.${part}Letters`)).join(separator);
}

/**
 * The time the user wrote, as HH:MM: hours and minutes with any separator ("14.30", "9:05"),
 * the hours alone ("14"), or four digits ("1430"); null when it is no time of day.
 */
export function parseTime(text: string): string | null {
  const trimmed = text.trim();
  let numbers: number[];
  if (/^\d{3,4}$/.test(trimmed)) numbers = [Number(trimmed.slice(0, -2)), Number(trimmed.slice(-2))];
  else if (/^\d{1,2}$/.test(trimmed)) numbers = [Number(trimmed), 0];
  else if (/^\d{1,2}[^0-9]\d{2}$/.test(trimmed)) numbers = trimmed.split(/[^0-9]/).map(Number);
  else return null;
  const [hour, minute] = numbers as [number, number];
  return hour <= 23 && minute <= 59 ? `${pad(hour)}:${pad(minute)}` : null;
}
