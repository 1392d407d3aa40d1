// The coordinator's sections: the guides, their caseloads, the pilot's figures and the guides
// excluded for a client ("I know this person"), whose exclusions only the coordinator removes.
import type { StaffSection } from '../section';
import { m } from './messages';

export const coordinatorSections: StaffSection[] = [
  { id: 'coordinator.guides', label: () => m('nav.guides'), load: () => import('./screens/guides') },
  { id: 'coordinator.caseload', label: () => m('nav.caseload'), load: () => import('./screens/caseload') },
  { id: 'coordinator.figures', label: () => m('nav.figures'), load: () => import('./screens/figures') },
  { id: 'coordinator.exclusions', label: () => m('nav.exclusions'), load: () => import('./screens/exclusions') },
];
