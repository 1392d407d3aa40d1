// An area's own message catalogs (e.g. the staff's social-work screens in
// `src/staff/social/messages/{fi,sv,en}.json`), so that each area keeps its texts in files of its
// own. The Finnish catalog sets the keys; the other two must have the same ones (the type below at
// build time, the catalogs' unit test for placeholders). Texts follow the shared language choice.
import { fill, language, type Language, type MessageParams } from './i18n';

export type AreaCatalogs<C extends Record<string, string>> = { fi: C } & Record<Exclude<Language, 'fi'>, Record<keyof C, string>>;

export interface AreaMessages<K extends string> {
  /** The text of `key` in the current language, placeholders filled in. */
  (key: K, params?: MessageParams): string;
  /** True when `key` is one of this area's keys (for keys built from codes and reasons). */
  has(key: string): key is K;
}

export function areaMessages<C extends Record<string, string>>(catalogs: AreaCatalogs<C>): AreaMessages<keyof C & string> {
  const byLanguage = catalogs as Record<Language, Record<string, string>>;
  const m = ((key: string, params?: MessageParams) => fill(byLanguage[language()][key] ?? key, params)) as AreaMessages<
    keyof C & string
  >;
  m.has = (key: string): key is keyof C & string => key in catalogs.fi;
  return m;
}
