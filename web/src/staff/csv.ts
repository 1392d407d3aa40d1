// CSV for the staff's exports (RFC 4180: comma-separated, CRLF, quoted where needed), safe to open
// in a spreadsheet: a text cell that starts with = + - @, a tab or a carriage return is prefixed
// with an apostrophe, so a name such as "=HYPERLINK(...)" is shown as text and never run as a
// formula. Numbers are written as numbers (a negative score stays a number).
export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: Cell[][]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * Offers `rows` as a file download. The byte order mark lets spreadsheet programs read the UTF-8
 * (ä, ö, å) right; the file's name carries no personal data.
 */
export function downloadCsv(fileName: string, rows: Cell[][]): void {
  const blob = new Blob(['\uFEFF', toCsv(rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
