// The auditor's sections: one client's access log.
import type { StaffSection } from '../section';
import { m } from './messages';

export const auditorSections: StaffSection[] = [
  { id: 'auditor.accessLog', label: () => m('nav.accessLog'), load: () => import('./screens/access-log') },
];
