// The social worker's sections: referrals (with their suggestions and assigning a guide) and
// clients (a client's header and tabs, joint meetings, goal attainment).
import type { StaffSection } from '../section';
import { m } from './messages';

export const socialWorkerSections: StaffSection[] = [
  { id: 'social.referrals', label: () => m('nav.referrals'), load: () => import('./screens/referrals-section') },
  { id: 'social.clients', label: () => m('nav.clients'), load: () => import('./screens/clients-section') },
];
