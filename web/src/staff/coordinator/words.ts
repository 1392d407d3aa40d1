// The coordinator's code lists in the user's language.
import { ExperienceArea } from '../../gen/rinnalla/v1/common_pb';
import { Guide_State } from '../../gen/rinnalla/v1/directory_pb';
import { codeName } from '../../shared/i18n/i18n';
import { m } from './messages';

export { AREAS } from '../shared/areas';

export function areaName(area: number): string {
  return codeName('area', ExperienceArea[area] ?? String(area));
}

export function stateName(state: number): string {
  const key = `guideState.${Guide_State[state] ?? ''}`;
  return m.has(key) ? m(key) : String(Guide_State[state] ?? state);
}

export function languageName(code: string): string {
  const key = `lang.${code}`;
  return m.has(key) ? m(key) : code;
}

/** What a state means for matching, e.g. ON_BREAK: keeps the clients, gets no new ones. */
export function stateHint(state: number): string | undefined {
  const key = `guideState.hint.${Guide_State[state] ?? ''}`;
  return m.has(key) ? m(key) : undefined;
}
