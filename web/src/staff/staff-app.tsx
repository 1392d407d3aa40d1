// The staff's part of the app (social workers, coordinators, auditors), desktop first: the menu of
// the user's role's sections and the open section, loaded when first opened. Loaded lazily by
// app.tsx, so the guides' first load carries none of it.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { onSessionChange, sessionExpired } from '../shared/auth/session';
import { onLanguageChange, t } from '../shared/i18n/i18n';
import { currentRoute, navigate, onRouteChange } from '../shared/router';
import { AppHeader } from '../shared/ui/app-header';
import { useChanges } from '../shared/ui/use-live';
import { m } from './messages';
import type { SectionProps, SectionView, StaffRoute, StaffSection } from './section';
import { sectionsFor } from './sections';
import './staff.css';

type Loaded = ComponentType<SectionProps>;
const loaded = new Map<string, Loaded>();

function useSectionComponent(section: StaffSection): { component?: Loaded; failed: boolean; retry: () => void } {
  const [, setTick] = useState(0);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (loaded.has(section.id)) return;
    let alive = true;
    setFailed(false);
    section.load().then(
      (module) => {
        loaded.set(section.id, module.default);
        if (alive) setTick((tick) => tick + 1);
      },
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
    };
  }, [section.id, attempt]);
  return { component: loaded.get(section.id), failed, retry: () => setAttempt((n) => n + 1) };
}

function Section({ section, view }: { section: StaffSection; view: SectionView }) {
  const { component: Component, failed, retry } = useSectionComponent(section);
  if (failed) {
    return (
      <div role="alert">
        <p>{m('staff.loadFailed')}</p>
        <button type="button" onClick={retry}>
          {m('staff.retry')}
        </button>
      </div>
    );
  }
  if (!Component) return <p role="status">{t('app.loading')}</p>;
  const go = (next: SectionView, replace = false) => navigate<StaffRoute>({ section: section.id, view: next }, replace);
  const open = (id: string, next: SectionView = {}) => navigate<StaffRoute>({ section: id, view: next });
  return <Component key={section.id} view={view} go={go} open={open} />;
}

export default function StaffApp(props: { role: string; onSignIn: () => void; onSignOut: () => void }) {
  const { role, onSignOut } = props;
  useChanges([onRouteChange, onLanguageChange, onSessionChange]);
  const sections = sectionsFor(role);
  const home: StaffRoute = { section: sections[0]?.id ?? '', view: {} };
  const stored = currentRoute<StaffRoute>(home);
  // A route of another role (kept in the history from an earlier sign-in) opens this role's home.
  const route = sections.some((section) => section.id === stored.section) ? stored : home;
  const section = sections.find((candidate) => candidate.id === route.section);
  return (
    <div class="staff">
      <AppHeader
        items={sections.map((item) => ({
          label: item.label(),
          current: item.id === route.section,
          onSelect: () => navigate<StaffRoute>({ section: item.id, view: {} }),
        }))}
        onSignOut={onSignOut}
      />
      {sessionExpired() && (
        <div class="status expired" role="alert">
          <p>{m('staff.signInAgain')}</p>
          <button type="button" onClick={props.onSignIn}>
            {t('status.signInAgain')}
          </button>
        </div>
      )}
      <main id="main" tabIndex={-1}>
        {section ? <Section section={section} view={route.view ?? {}} /> : <p>{m('staff.noSections')}</p>}
      </main>
    </div>
  );
}
