// A staff section: one entry of a role's menu, with its screens loaded only when first opened (so
// a social worker never downloads the coordinator's charts). Each area (social/, coordinator/,
// auditor/) lists its own sections in its `sections.ts`.
import type { ComponentType } from 'preact';

/** Where the user is inside a section: the section's own business, kept in the history's state. */
export type SectionView = Record<string, string | number | boolean | undefined>;

export interface SectionProps {
  view: SectionView;
  /** Opens another view of this section (a new history entry, or in place with `replace`). */
  go: (view: SectionView, replace?: boolean) => void;
  /** Opens a view of another section of the same role, e.g. a client from a referral. */
  open: (section: string, view?: SectionView) => void;
}

export interface StaffSection {
  /** Unique among all staff sections, e.g. `social.referrals`. */
  id: string;
  label: () => string;
  load: () => Promise<{ default: ComponentType<SectionProps> }>;
}

export interface StaffRoute {
  section: string;
  view: SectionView;
}
