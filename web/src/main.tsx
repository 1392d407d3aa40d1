import { render } from 'preact';
import { App } from './app';
import { loadAppConfig, type AppConfig } from './shared/auth/app-config';
import { startSession } from './shared/auth/session';
import { language } from './shared/i18n/i18n';
import './shared/ui/styles.css';

document.documentElement.lang = language();
const root = document.getElementById('app')!;
const stored = localStorage.getItem('rinnalla.appConfig');
const draw = (config: AppConfig | null) => render(<App config={config} />, root);

// A session kept on the device starts the app at once, offline too; the config is read meanwhile.
draw(stored ? (JSON.parse(stored) as AppConfig) : null);
void (async () => {
  let config: AppConfig;
  try {
    config = await loadAppConfig();
  } catch {
    return; // offline with no config remembered: the sign-in screen says a connection is needed
  }
  try {
    const { isOidcCallback, completeOidcSignIn } = config.oidc ? await import('./shared/auth/oidc') : {};
    if (config.oidc && isOidcCallback?.()) startSession(await completeOidcSignIn!(config.oidc));
  } catch {
    // a sign-in the provider or the checks refused: the sign-in screen offers it again
  }
  draw(config);
})();

// Ask the browser not to evict the outbox and drafts under storage pressure.
void navigator.storage?.persist?.();
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  void navigator.serviceWorker.register('/sw.js');
}
