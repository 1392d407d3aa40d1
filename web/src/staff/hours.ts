// Hours of visits, rounded once and shown alike everywhere: to a tenth of an hour (45 minutes is
// 0.8 hours), written with one decimal and the language's decimal sign on screen (0,8 in Finnish
// and Swedish), and as the same rounded number with a dot in a CSV file, so the file stays
// machine-readable and matches the screen.
import { locale } from '../shared/i18n/i18n';

/** Hours to a tenth, as the screen and the CSV both give them. */
export function roundHours(hours: number): number {
  return Math.round(hours * 10) / 10;
}

/** Hours to a tenth with one decimal in the user's language: "0,8", "45,0". */
export function formatHours(hours: number): string {
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(roundHours(hours));
}
