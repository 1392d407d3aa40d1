// The app: signing in, then the part for the user's role. Guides get the phone app; the staff's
// part (social workers, coordinators, auditors) is built on the same foundation.
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

export function App({ config }: { config: AppConfig | null }) {
  useChanges([onSessionChange, onLanguageChange]);
  const [signingInAgain, setSigningInAgain] = useState(false);
  const [unsentAtSignOut, setUnsentAtSignOut] = useState<number | null>(null);
  useEffect(() => {
    void tidyDrafts();
  }, []);

  const current = session();
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
    void syncNow();
  };

  if (!current || signingInAgain) {
    return <SignInScreen config={config} again={current !== null} onSession={onSession} />;
  }
  return (
    <>
      {current.role === 'guide' ? (
        <GuideApp onSignIn={() => setSigningInAgain(true)} onSignOut={() => void askSignOut()} />
      ) : (
        <main id="main" tabIndex={-1}>
          <h1>{t('app.name')}</h1>
          <p>{t('signIn.notGuide')}</p>
          <button type="button" onClick={() => void askSignOut()}>
            {t('nav.signOut')}
          </button>
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
