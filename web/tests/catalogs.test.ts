import { describe, expect, it } from 'vitest';
import fi from '../src/shared/i18n/fi.json';
import sv from '../src/shared/i18n/sv.json';
import en from '../src/shared/i18n/en.json';
import { ExperienceArea, ServicePlace } from '../src/gen/rinnalla/v1/common_pb';
import {
  PlaceOutcome_Acting,
  PlaceOutcome_Action,
  PlaceOutcome_Appointment,
  Visit_Mode,
} from '../src/gen/rinnalla/v1/visits_pb';
import { codeName, setLanguage, t } from '../src/shared/i18n/i18n';

const catalogs = { fi, sv, en } as Record<string, Record<string, string>>;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('have the same keys in Finnish, Swedish and English, none empty', () => {
    const keys = Object.keys(fi).sort();
    for (const [language, catalog] of Object.entries(catalogs)) {
      expect(Object.keys(catalog).sort(), language).toEqual(keys);
      for (const [key, text] of Object.entries(catalog)) expect(text.trim(), `${language} ${key}`).not.toBe('');
    }
  });

  it('use the same placeholders in every language', () => {
    for (const key of Object.keys(fi)) {
      const expected = placeholders((fi as Record<string, string>)[key]!);
      expect(placeholders(sv[key as keyof typeof sv]), `sv ${key}`).toEqual(expected);
      expect(placeholders(en[key as keyof typeof en]), `en ${key}`).toEqual(expected);
    }
  });

  const lists = [
    ['place', ServicePlace],
    ['mode', Visit_Mode],
    ['appointment', PlaceOutcome_Appointment],
    ['action', PlaceOutcome_Action],
    ['acting', PlaceOutcome_Acting],
    ['area', ExperienceArea],
  ] as const;
  it('name every value of every code list in each language', () => {
    for (const [list, values] of lists) {
      const codes = Object.values(values).filter((v): v is number => typeof v === 'number' && v !== 0);
      expect(codes.length).toBeGreaterThan(0);
      for (const code of codes) {
        for (const language of ['fi', 'sv', 'en'] as const) {
          expect(catalogs[language]![`${list}.${String(values[code as keyof typeof values])}`], `${language} ${list} ${code}`).toBeTruthy();
        }
      }
    }
  });

  it('fills placeholders and follows the chosen language', () => {
    setLanguage('sv');
    expect(t('myClients.unsent', { count: 3 })).toBe('3 inte skickade');
    expect(codeName('place', 'KELA')).toBe('FPA');
    setLanguage('fi');
    expect(codeName('place', 'KELA')).toBe('Kela');
    expect(codeName('place', 'NOT_A_PLACE')).toBe('NOT_A_PLACE');
  });
});
