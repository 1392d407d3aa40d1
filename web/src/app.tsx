// The app: signing in, then the part for the user's role. Guides get the phone app; the staff
// (social workers, coordinators, auditors) get the desktop part, loaded only for them.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AppConfig } from './shared/auth/app-config';
import { endSession, onSessionChange, session, startSession, type Session } from './shared/auth/session';
import { SignInScreen } from './shared/auth/sign-in-screen';
import { onLanguageChange, t } from './shared/i18n/i18n';
import { navigate } from './shared/router';
import { Confirm } from './shared/ui/confirm';
import { useChanges } from './shared/ui/use-live';
import { forgetEverything, tidyDrafts } from './guide/forget';
import { GuideApp } from './guide/guide-app';
import { HOME } from './guide/routes';
import { unsentItems } from './guide/store/outbox';
import { syncNow } from './guide/sync/sync';

type StaffAppComponent = ComponentType<{ role: string; onSignIn: () => void; onSignOut: () => void }>;
let staffApp: StaffAppComponent | null = null;
let staffAppLoading: Promise<StaffAppComponent> | null = null;

function loadStaffApp(): Promise<StaffAppComponent> {
  staffAppLoading ??= import('./staff/staff-app').then((module) => (staffApp = module.default));
  staffAppLoading.catch(() => (staffAppLoading = null));
  return staffAppLoading;
}

// A staff session kept on the device: fetch the staff part at once, beside the first render.
const kept = session();
if (kept && kept.role !== 'guide') void loadStaffApp().catch(() => undefined);

/** The staff's part, imported on first use (never part of the guides' first load). */
function useStaffApp(wanted: boolean): { app: StaffAppComponent | null; failed: boolean } {
  const [, setLoaded] = useState(staffApp);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!wanted || staffApp) return;
    loadStaffApp().then(
      (app) => setLoaded(() => app), // a component is a function: never the updater form's argument
      () => setFailed(true),
    );
  }, [wanted]);
  return { app: staffApp, failed };
}

export function App({ config }: { config: AppConfig | null }) {
  useChanges([onSessionChange, onLanguageChange]);
  const [signingInAgain, setSigningInAgain] = useState(false);
  const [unsentAtSignOut, setUnsentAtSignOut] = useState<number | null>(null);
  useEffect(() => {
    void tidyDrafts();
  }, []);

  const current = session();
  const staff = useStaffApp(current !== null && current.role !== 'guide');
  const signOut = async () => {
    setUnsentAtSignOut(null);
    const provider = current?.signedInWith === 'oidc' ? config?.oidc : undefined;
    await forgetEverything();
    endSession();
    navigate(HOME, true);
    if (provider) await (await import('./shared/auth/oidc')).endOidcSession(provider);
  };
  const askSignOut = async () => {
    const unsent = (await unsentItems()).length;
    if (unsent > 0) setUnsentAtSignOut(unsent);
    else await signOut();
  };
  const onSession = (next: Session) => {
    startSession(next);
    setSigningInAgain(false);
    if (next.role === 'guide') void syncNow();
  };

  if (!current || signingInAgain) {
    return <SignInScreen config={config} again={current !== null} onSession={onSession} />;
  }
  return (
    <>
      {current.role === 'guide' ? (
        <GuideApp onSignIn={() => setSigningInAgain(true)} onSignOut={() => void askSignOut()} />
      ) : staff.app ? (
        <staff.app role={current.role} onSignIn={() => setSigningInAgain(true)} onSignOut={() => void askSignOut()} />
      ) : (
        <main id="main" tabIndex={-1}>
          <p role={staff.failed ? 'alert' : 'status'}>{staff.failed ? t('app.loadFailed') : t('app.loading')}</p>
        </main>
      )}
      {unsentAtSignOut !== null && (
        <Confirm
          message={t('signOut.confirm', { count: unsentAtSignOut })}
          yes={t('signOut.yes')}
          no={t('signOut.no')}
          onYes={() => void signOut()}
          onNo={() => setUnsentAtSignOut(null)}
        />
      )}
    </>
  );
}
