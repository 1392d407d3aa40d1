// Each area's own catalogs (src/staff/**/messages/{fi,sv,en}.json): the same keys in the three
// languages, none empty, the same placeholders; and areaMessages follows the shared language.
import { describe, expect, it } from 'vitest';
import { areaMessages } from '../src/shared/i18n/area-messages';
import { setLanguage } from '../src/shared/i18n/i18n';

const files = import.meta.glob<Record<string, string>>('../src/staff/**/messages/*.json', { eager: true, import: 'default' });
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const areas = new Map<string, Record<string, Record<string, string>>>();
for (const [path, catalog] of Object.entries(files)) {
  const [, area, language] = /^(.*)\/messages\/(\w+)\.json$/.exec(path)!;
  areas.set(area!, { ...areas.get(area!), [language!]: catalog });
}

describe('area catalogs', () => {
  it('exist for the staff shell and each staff area', () => {
    expect([...areas.keys()].sort()).toEqual(
      ['../src/staff', '../src/staff/auditor', '../src/staff/coordinator', '../src/staff/social'].sort(),
    );
  });

  for (const [area, catalogs] of areas) {
    it(`${area}: fi, sv and en with the same keys and placeholders, none empty`, () => {
      expect(Object.keys(catalogs).sort()).toEqual(['en', 'fi', 'sv']);
      const keys = Object.keys(catalogs.fi!).sort();
      for (const [language, catalog] of Object.entries(catalogs)) {
        expect(Object.keys(catalog).sort(), language).toEqual(keys);
        for (const key of keys) {
          expect(catalog[key]!.trim(), `${language} ${key}`).not.toBe('');
          expect(placeholders(catalog[key]!), `${language} ${key}`).toEqual(placeholders(catalogs.fi![key]!));
        }
      }
    });
  }

  it('word a key in the chosen language with its placeholders filled', () => {
    const m = areaMessages({ fi: { hello: 'Hei {name}' }, sv: { hello: 'Hej {name}' }, en: { hello: 'Hello {name}' } });
    setLanguage('sv');
    expect(m('hello', { name: 'Aino' })).toBe('Hej Aino');
    setLanguage('fi');
    expect(m('hello', { name: 'Aino' })).toBe('Hei Aino');
    expect(m.has('hello')).toBe(true);
    expect(m.has('goodbye')).toBe(false);
  });
});
