// A suggestion's reasons worded in the user's language from the facts the server sends beside its
// English sentence (the sentence is the fallback for a criterion this app does not know).
import { ExperienceArea } from '../../gen/rinnalla/v1/common_pb';
import type { SuggestionReason } from '../../gen/rinnalla/v1/matching_pb';
import { codeName, language } from '../../shared/i18n/i18n';
import { m } from './messages';

/** The most points each criterion can add (the server's default weights; a perfect match is 100). */
export const CRITERION_MAX: Record<string, number> = { NEEDS: 60, MUNICIPALITY: 20, CASELOAD: 10, CONTINUITY: 10 };

export function areaName(area: ExperienceArea): string {
  return codeName('area', ExperienceArea[area] ?? String(area));
}

export function listInWords(items: string[]): string {
  return new Intl.ListFormat(language(), { type: 'conjunction' }).format(items);
}

export function criterionName(criterion: string): string {
  const key = `criterion.${criterion}`;
  return m.has(key) ? m(key) : criterion;
}

/** What the criterion says about this guide and client, in the user's language. */
export function explainReason(reason: SuggestionReason): string {
  const facts = reason.facts;
  switch (facts.case) {
    case 'needs': {
      const { needs, covered } = facts.value;
      if (covered.length === 0) return m('reason.needs.none', { total: needs.length });
      return m('reason.needs.some', {
        covered: covered.length,
        total: needs.length,
        areas: listInWords(covered.map(areaName)),
      });
    }
    case 'municipality':
      return m(facts.value.guideWorksThere ? 'reason.municipality.yes' : 'reason.municipality.no', {
        municipality: facts.value.municipality,
      });
    case 'caseload':
      return m('reason.caseload', {
        free: facts.value.placesFree,
        taken: facts.value.placesTaken,
        max: facts.value.maxActiveClients,
      });
    case 'continuity':
      return m(facts.value.guidedBefore ? 'reason.continuity.yes' : 'reason.continuity.no');
    default:
      return reason.explanation;
  }
}

/** The share of its criterion's most points this reason added, 0..1 (for its bar). */
export function reasonShare(reason: SuggestionReason): number {
  const max = CRITERION_MAX[reason.criterion] ?? 100;
  return Math.max(0, Math.min(1, reason.contribution / max));
}
