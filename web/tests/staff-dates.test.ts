// Days as the staff type and read them: in the chosen language's order (Intl.DateTimeFormat),
// yyyy-mm-dd as well, and nothing that is no day of the calendar.
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../src/shared/i18n/i18n';
import { dayPattern, formatDay, parseDay } from '../src/staff/shared/day-text';

describe('days in the chosen language', () => {
  it('are written and read day first in Finnish, Swedish and English', () => {
    setLanguage('fi');
    expect(formatDay('2026-12-01')).toBe('1.12.2026');
    expect(dayPattern()).toBe('pp.kk.vvvv');
    expect(parseDay(' 1.12.2026 ')).toBe('2026-12-01');
    expect(parseDay('01.2.2026')).toBe('2026-02-01');
    setLanguage('sv');
    expect(formatDay('2026-12-01')).toBe('1.12.2026');
    expect(dayPattern()).toBe('dd.mm.åååå');
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
});
