// What a new referral needs before it is sent (the server checks the same and more).
import { m } from './messages';

export interface ReferralDraft {
  client: string;
  needs: number[];
  languages: string[];
  municipality: string;
  note: string;
}

export const NOTE_MAX = 4000;
export const LANGUAGE_CHOICES = ['fi', 'sv', 'en', 'ru', 'so', 'ar'] as const;

export function referralProblems(draft: ReferralDraft): string[] {
  const problems: string[] = [];
  if (!draft.client) problems.push(m('newReferral.pickClient'));
  if (draft.needs.length === 0) problems.push(m('newReferral.pickNeed'));
  if (draft.languages.length === 0) problems.push(m('newReferral.pickLanguage'));
  if (!/^\d{3}$/.test(draft.municipality.trim())) problems.push(m('newReferral.badMunicipality'));
  if ([...draft.note].length > NOTE_MAX) problems.push(m('newReferral.noteTooLong'));
  return problems;
}
