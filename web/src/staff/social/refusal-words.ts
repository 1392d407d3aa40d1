// The server's refusals of the social worker's actions in plain words, by their ErrorInfo reason
// and its facts (metadata); reasons this area does not word fall back to the shared wording.
import { describeRefusal, type Refusal } from '../../shared/api/refusal';
import { m } from './messages';

function stateWord(list: 'guideState' | 'referralState', state: string | undefined): string {
  const key = `${list}.${state ?? ''}`;
  return m.has(key) ? m(key) : (state ?? '');
}

export function wordRefusal(refusal: Refusal): string {
  const key = `refusal.${refusal.reason}`;
  if (!refusal.reason || !m.has(key)) return describeRefusal(refusal);
  const facts = refusal.metadata ?? {};
  return m(key, {
    ...facts,
    guide_state: stateWord('guideState', facts.guide_state),
    referral_state: stateWord('referralState', facts.referral_state),
  });
}
