// Message catalogs: every text the app shows comes from fi.json, sv.json or en.json. Finnish is
// the default; the choice is kept on the device. The catalogs share one set of keys, which the
// type below enforces at build time.
import fi from './fi.json';
import sv from './sv.json';
import en from './en.json';
import { Emitter } from '../emitter';

export type MessageKey = keyof typeof fi;
export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const catalogs: Record<Language, Record<MessageKey, string>> = { fi, sv, en };
const STORAGE_KEY = 'rinnalla.language';
const changed = new Emitter();

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

let current: Language = (() => {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return isLanguage(stored) ? stored : 'fi';
})();

export function language(): Language {
  return current;
}

export function setLanguage(next: Language): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  changed.emit();
}

export const onLanguageChange = (listener: () => void) => changed.subscribe(listener);

export function hasMessage(key: string): key is MessageKey {
  return key in catalogs.fi;
}

export type MessageParams = Record<string, string | number>;

/** `text` with its `{name}` placeholders filled in from `params`. */
export function fill(text: string, params: MessageParams = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The text of `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: MessageParams = {}): string {
  return fill(catalogs[current][key], params);
}

/** A code list's value named in the current language, e.g. codeName('place', 'KELA'). */
export function codeName(list: 'place' | 'mode' | 'appointment' | 'action' | 'acting' | 'area', code: string): string {
  const key = `${list}.${code}`;
  return hasMessage(key) ? t(key) : code;
}

const locales: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export function formatDateTime(date: Date): string {
  return new Intl.DateTimeFormat(locales[current], { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(locales[current]).format(value);
}
