// Days and times as users type and read them: in the chosen language's order and separator
// (Intl.DateTimeFormat), yyyy-mm-dd as well, and nothing that is no day or time.
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../src/shared/i18n/i18n';
import { localDateTime } from '../src/shared/ui/date-time-field';
import { dayPattern, formatDay, parseDay } from '../src/shared/ui/day-text';
import { formatTime, parseTime, timePattern } from '../src/shared/ui/time-text';

// Swedish in Finland writes days and times as Finnish does (1.12.2026, 14.30) in current CLDR data,
// which the browsers bring (browser-tests/staff-languages.test.mjs checks Chromium's). Older data
// writes them as in Sweden (2026-12-01, 14:30): CLDR 42 of the system ICU 72.1 that Debian 12's
// Node.js 18 uses, and CLDR 45 still for days. These tests run on the Node.js they are given, so
// Swedish is expected as that Node's own data writes it.
const finlandSwedish = (options: Intl.DateTimeFormatOptions, finnish: string) =>
  new Intl.DateTimeFormat('sv-FI', options).format(new Date(2026, 11, 1, 14, 30)) === finnish;
const swedishDays = finlandSwedish({ day: 'numeric', month: 'numeric', year: 'numeric' }, '1.12.2026');
const swedishTimes = finlandSwedish({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, '14.30');

describe('days in the chosen language', () => {
  it('are written and read day first in Finnish, Swedish and English', () => {
    setLanguage('fi');
    expect(formatDay('2026-12-01')).toBe('1.12.2026');
    expect(dayPattern()).toBe('pp.kk.vvvv');
    expect(parseDay(' 1.12.2026 ')).toBe('2026-12-01');
    expect(parseDay('01.2.2026')).toBe('2026-02-01');
    setLanguage('sv');
    expect(formatDay('2026-12-01')).toBe(swedishDays ? '1.12.2026' : '2026-12-01');
    expect(dayPattern()).toBe(swedishDays ? 'dd.mm.åååå' : 'åååå-mm-dd');
    expect(parseDay(formatDay('2026-12-01'))).toBe('2026-12-01');
    setLanguage('en');
    expect(formatDay('2026-12-01')).toBe('01/12/2026');
    expect(dayPattern()).toBe('dd/mm/yyyy');
    expect(parseDay('01/12/2026')).toBe('2026-12-01');
    expect(parseDay('12/01/2026')).toBe('2026-01-12');
  });

  it('take yyyy-mm-dd in any language, and refuse what is no day', () => {
    setLanguage('fi');
    expect(parseDay('2026-06-01')).toBe('2026-06-01');
    for (const text of ['', '31.2.2026', '1.13.2026', '1.12.26', '1.12', 'huomenna', '1.12.2026.5']) {
      expect(parseDay(text), text).toBeNull();
    }
    expect(formatDay('')).toBe('');
  });

  it("write times of day with the language's separator, 24 hours", () => {
    setLanguage('fi');
    expect(formatTime('09:05')).toBe('09.05');
    expect(timePattern()).toBe('tt.mm');
    setLanguage('sv');
    expect(formatTime('14:30')).toBe(swedishTimes ? '14.30' : '14:30');
    expect(timePattern()).toBe(swedishTimes ? 'tt.mm' : 'tt:mm');
    setLanguage('en');
    expect(formatTime('14:30')).toBe('14:30');
    expect(timePattern()).toBe('hh:mm');
    expect(formatTime('')).toBe('');
  });

  it('read times with any separator, the hours alone or four digits, and refuse what is no time', () => {
    setLanguage('fi');
    expect(parseTime(' 14.30 ')).toBe('14:30');
    expect(parseTime('9:05')).toBe('09:05');
    expect(parseTime('14')).toBe('14:00');
    expect(parseTime('1430')).toBe('14:30');
    expect(parseTime('930')).toBe('09:30');
    expect(parseTime('00.00')).toBe('00:00');
    for (const text of ['', '24.00', '14.60', '14.3', '2.30 pm', 'nyt', '14.30.00', '12345']) {
      expect(parseTime(text), text).toBeNull();
    }
  });

  it('hold a moment as local yyyy-mm-ddTHH:MM, and an invalid one as nothing', () => {
    expect(localDateTime(new Date(2026, 11, 1, 9, 5))).toBe('2026-12-01T09:05');
    expect(localDateTime(new Date(''))).toBe('');
  });
});
