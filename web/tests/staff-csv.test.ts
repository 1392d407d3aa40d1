// The staff's CSV: RFC 4180 quoting, numbers as numbers, and no cell a spreadsheet would run as
// a formula.
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../src/staff/csv';

describe('CSV', () => {
  it('leaves plain text and numbers as they are', () => {
    expect(csvCell('Aino Virtanen')).toBe('Aino Virtanen');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('quotes commas, quotes, line breaks and edge spaces, doubling quotes', () => {
    expect(csvCell('Lahti, Hollola')).toBe('"Lahti, Hollola"');
    expect(csvCell('sanoi "ei"')).toBe('"sanoi ""ei"""');
    expect(csvCell('rivi 1\nrivi 2')).toBe('"rivi 1\nrivi 2"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell(' alussa')).toBe('" alussa"');
    expect(csvCell('lopussa ')).toBe('"lopussa "');
  });

  it('turns text that starts like a formula into text', () => {
    expect(csvCell('=HYPERLINK("http://x","klik")')).toBe('"\'=HYPERLINK(""http://x"",""klik"")"');
    expect(csvCell('+358401234567')).toBe("'+358401234567");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tpiilotettu')).toBe("'\tpiilotettu");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    // Only at the start: a minus inside is fine.
    expect(csvCell('2026-12-01')).toBe('2026-12-01');
  });

  it('joins cells with commas and rows with CRLF, ending with one', () => {
    expect(toCsv([['a', 1], ['b, c', -2]])).toBe('a,1\r\n"b, c",-2\r\n');
    expect(toCsv([])).toBe('\r\n');
  });
});
