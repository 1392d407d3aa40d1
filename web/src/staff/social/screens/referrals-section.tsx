// The social worker's referrals: the list (open ones first), a new referral, and a referral's
// suggested guides with exclusions and assigning.
import type { SectionProps } from '../../section';
import { NewReferral } from './new-referral';
import { ReferralList } from './referral-list';
import { Suggestions } from './suggestions';

export default function ReferralsSection({ view, go, open }: SectionProps) {
  if (view.screen === 'new') return <NewReferral onMade={(referral) => go({ screen: 'suggestions', referral }, true)} />;
  if (view.screen === 'suggestions' && typeof view.referral === 'string') {
    return (
      <Suggestions
        referral={view.referral}
        onScheduleInitial={(client, assignment) => open('social.clients', { screen: 'schedule', client, assignment })}
      />
    );
  }
  return <ReferralList onNew={() => go({ screen: 'new' })} onSuggest={(referral) => go({ screen: 'suggestions', referral })} />;
}
