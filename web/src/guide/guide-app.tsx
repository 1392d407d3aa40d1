// The guide's part of the app: My clients, a client, Log a visit, a progress note and the Outbox,
// with the connection's state and a way to sign in again when the session ended.
import { useEffect, useState } from 'preact/hooks';
import { onSessionChange, sessionExpired } from '../shared/auth/session';
import { onLanguageChange, t } from '../shared/i18n/i18n';
import { currentRoute, goBack, navigate, onRouteChange } from '../shared/router';
import { AppHeader } from '../shared/ui/app-header';
import { useChanges, useLive } from '../shared/ui/use-live';
import { HOME, type GuideRoute } from './routes';
import { ClientScreen } from './screens/client';
import { LogVisit } from './screens/log-visit';
import { MyClients } from './screens/my-clients';
import { Outbox } from './screens/outbox';
import { ProgressNoteScreen } from './screens/progress-note';
import { onOutboxChange, unsentItems } from './store/outbox';
import { isOnline, isSyncing, onSyncChange, startSyncing } from './sync/sync';

function Screen({ route }: { route: GuideRoute }) {
  switch (route.screen) {
    case 'clients':
      return <MyClients />;
    case 'client':
      return <ClientScreen client={route.client} flash={route.flash} />;
    case 'visit':
      return <LogVisit client={route.client} draft={route.draft} />;
    case 'note':
      return <ProgressNoteScreen client={route.client} draft={route.draft} />;
    case 'outbox':
      return <Outbox />;
  }
}

export function GuideApp({ onSignIn, onSignOut }: { onSignIn: () => void; onSignOut: () => void }) {
  useChanges([onRouteChange, onSyncChange, onSessionChange, onLanguageChange]);
  const unsent = useLive(async () => (await unsentItems()).length, [onOutboxChange]) ?? 0;
  const [browserOnline, setBrowserOnline] = useState(navigator.onLine);
  useEffect(() => {
    startSyncing();
    const update = () => setBrowserOnline(navigator.onLine);
    addEventListener('online', update);
    addEventListener('offline', update);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  }, []);
  const route = currentRoute<GuideRoute>(HOME);
  const go = (next: GuideRoute) => navigate<GuideRoute>(next);
  return (
    <>
      <AppHeader
        items={[
          { label: t('nav.myClients'), current: route.screen === 'clients', onSelect: () => go(HOME) },
          {
            label: t('nav.outbox'),
            badge: unsent > 0 ? { count: unsent, counts: t('nav.notSent') } : undefined,
            current: route.screen === 'outbox',
            onSelect: () => go({ screen: 'outbox' }),
          },
        ]}
        onSignOut={onSignOut}
      />
      <div class="status-area">
        {(!browserOnline || !isOnline()) && (
          <p class="status offline" role="status">
            {t('status.offline')}
          </p>
        )}
        {isSyncing() && browserOnline && (
          <p class="status sending" role="status">
            {t('status.sending')}
          </p>
        )}
        {sessionExpired() && (
          <div class="status expired" role="alert">
            <p>{t('signIn.again')}</p>
            <button type="button" onClick={onSignIn}>
              {t('status.signInAgain')}
            </button>
          </div>
        )}
      </div>
      <main id="main" tabIndex={-1}>
        {route.screen !== 'clients' && (
          <button type="button" class="back" onClick={() => goBack<GuideRoute>(HOME)}>
            ← {t('nav.back')}
          </button>
        )}
        <Screen route={route} />
      </main>
    </>
  );
}
