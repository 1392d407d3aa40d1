// Signing in: the county's identity provider (OpenID Connect), or on a local run the development
// sign-in's list of demo users. Also used to sign in again when a session ended.
import { useEffect, useState } from 'preact/hooks';
import { hasMessage, t, type MessageKey } from '../i18n/i18n';
import { LanguagePicker } from '../ui/language-picker';
import type { AppConfig } from './app-config';
import { devSignIn, listDevUsers, type DevUser } from './dev-sign-in';
import type { Session } from './session';

export function SignInScreen(props: {
  config: AppConfig | null;
  again: boolean;
  onSession: (session: Session) => void;
}) {
  const [users, setUsers] = useState<DevUser[] | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  useEffect(() => {
    if (props.config?.devSignIn) {
      listDevUsers().then(setUsers, () => setProblem(navigator.onLine ? 'signIn.failed' : 'signIn.offline'));
    }
  }, [props.config?.devSignIn]);

  const signInAs = async (user: DevUser) => {
    try {
      props.onSession(await devSignIn(user));
    } catch {
      setProblem(navigator.onLine ? 'signIn.failed' : 'signIn.offline');
    }
  };
  const signInWithOidc = async () => {
    if (!props.config?.oidc) return;
    try {
      const { beginOidcSignIn } = await import('./oidc');
      await beginOidcSignIn(props.config.oidc);
    } catch {
      setProblem(navigator.onLine ? 'signIn.failed' : 'signIn.offline');
    }
  };

  return (
    <main id="main" class="sign-in" tabIndex={-1}>
      <div class="header-row">
        <span class="app-name">{t('app.name')}</span>
        <LanguagePicker />
      </div>
      <h1>{t('signIn.title')}</h1>
      <p>{props.again ? t('signIn.again') : t('signIn.intro')}</p>
      {problem && <p role="alert" class="problems">{t(problem)}</p>}
      {!props.config && <p role="status">{t('signIn.offline')}</p>}
      {props.config?.oidc && (
        <button type="button" onClick={() => void signInWithOidc()}>
          {t('signIn.button')}
        </button>
      )}
      {props.config?.devSignIn && users && (
        <section aria-labelledby="dev-users">
          <h2 id="dev-users">{t('signIn.devTitle')}</h2>
          <p>{t('signIn.devHint')}</p>
          <ul class="cards">
            {users.map((user) => (
              <li key={`${user.org}/${user.sub}`}>
                <button type="button" class="card" onClick={() => void signInAs(user)}>
                  <span class="card-title">{t('signIn.asUser', { name: user.displayName })}</span>
                  <span>{roleName(user.role)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

export function roleName(role: string): string {
  const key = `role.${role}`;
  return hasMessage(key) ? t(key) : role;
}
