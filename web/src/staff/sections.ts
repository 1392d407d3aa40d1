// Which sections each staff role sees. A role sees only its own: the app never offers what the
// server would refuse it (and each screen still handles a refusal).
import { auditorSections } from './auditor/sections';
import { coordinatorSections } from './coordinator/sections';
import type { StaffSection } from './section';
import { socialWorkerSections } from './social/sections';

const byRole: Record<string, StaffSection[]> = {
  social_worker: socialWorkerSections,
  coordinator: coordinatorSections,
  auditor: auditorSections,
};

export function sectionsFor(role: string): StaffSection[] {
  return byRole[role] ?? [];
}
