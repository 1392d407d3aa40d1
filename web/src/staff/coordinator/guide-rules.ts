// A guide as the coordinator's form edits it, what it needs before it is sent (the server checks
// the same and more), and the fields an edit changed (the update mask).
import type { Guide } from '../../gen/rinnalla/v1/directory_pb';
import { Guide_State } from '../../gen/rinnalla/v1/directory_pb';
import { m } from './messages';

export interface GuideDraft {
  displayName: string;
  areas: number[];
  languages: string[];
  /** Three-digit municipality codes, separated by commas or spaces. */
  municipalities: string;
  capacity: string;
  state: number;
}

export const NAME_MAX = 200;
export const CAPACITY_MAX = 50;
export const GUIDE_LANGUAGES = ['fi', 'sv', 'en', 'ru', 'et', 'so', 'ar', 'fa', 'ku', 'uk'] as const;
export const GUIDE_STATES = [Guide_State.IN_TRAINING, Guide_State.ACTIVE, Guide_State.ON_BREAK, Guide_State.INACTIVE];

export function emptyDraft(): GuideDraft {
  return { displayName: '', areas: [], languages: ['fi'], municipalities: '', capacity: '5', state: Guide_State.IN_TRAINING };
}

export function draftOf(guide: Guide): GuideDraft {
  return {
    displayName: guide.displayName,
    areas: [...guide.experienceAreas],
    languages: [...guide.languages],
    municipalities: guide.municipalities.join(', '),
    capacity: String(guide.maxActiveClients),
    state: guide.state,
  };
}

export function municipalityCodes(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}

export function guideProblems(draft: GuideDraft): string[] {
  const problems: string[] = [];
  const name = draft.displayName.trim();
  if (name === '') problems.push(m('guideForm.needName'));
  if ([...name].length > NAME_MAX) problems.push(m('guideForm.nameTooLong', { max: NAME_MAX }));
  if (draft.areas.length === 0) problems.push(m('guideForm.needArea'));
  if (draft.languages.length === 0) problems.push(m('guideForm.needLanguage'));
  const codes = municipalityCodes(draft.municipalities);
  if (codes.length === 0 || codes.some((code) => !/^\d{3}$/.test(code))) problems.push(m('guideForm.badMunicipalities'));
  const capacity = Number(draft.capacity);
  if (!/^\d+$/.test(draft.capacity.trim()) || capacity < 1 || capacity > CAPACITY_MAX) {
    problems.push(m('guideForm.badCapacity', { max: CAPACITY_MAX }));
  }
  if (!GUIDE_STATES.includes(draft.state)) problems.push(m('guideForm.needState'));
  return problems;
}

/** The guide's fields as the API takes them. */
export function guideFields(draft: GuideDraft) {
  return {
    displayName: draft.displayName.trim(),
    experienceAreas: draft.areas,
    languages: draft.languages,
    municipalities: [...new Set(municipalityCodes(draft.municipalities))],
    maxActiveClients: Number(draft.capacity),
    state: draft.state,
  };
}

const same = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/** The update mask's paths: the fields the draft changed from the stored guide. */
export function changedFields(stored: Guide, draft: GuideDraft): string[] {
  const next = guideFields(draft);
  const paths: string[] = [];
  if (next.displayName !== stored.displayName) paths.push('display_name');
  if (!same([...next.experienceAreas].sort(), [...stored.experienceAreas].sort())) paths.push('experience_areas');
  if (!same(next.languages, stored.languages)) paths.push('languages');
  if (!same(next.municipalities, stored.municipalities)) paths.push('municipalities');
  if (next.maxActiveClients !== stored.maxActiveClients) paths.push('max_active_clients');
  if (next.state !== stored.state) paths.push('state');
  return paths;
}
