// The app's header: its name, the main menu (the screens of the user's part), the language and
// signing out.
import { t } from '../i18n/i18n';
import { LanguagePicker } from './language-picker';

export interface NavItem {
  label: string;
  /** A count shown beside the label, and what it counts (read by screen readers only). */
  badge?: { count: number; counts: string } | undefined;
  current: boolean;
  onSelect: () => void;
}

export function AppHeader({ items, onSignOut }: { items: NavItem[]; onSignOut: () => void }) {
  return (
    <header class="app-header">
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <div class="header-row">
        <span class="app-name">{t('app.name')}</span>
        <LanguagePicker />
        <button type="button" class="secondary sign-out" onClick={onSignOut}>
          {t('nav.signOut')}
        </button>
      </div>
      <nav aria-label={t('nav.main')}>
        <ul>
          {items.map((item) => (
            <li key={item.label}>
              <button type="button" aria-current={item.current ? 'page' : undefined} onClick={item.onSelect}>
                {item.label}
                {item.badge && (
                  <>
                    {' '}
                    <span class="count">{item.badge.count}</span>
                    <span class="sr-only"> {item.badge.counts}</span>
                  </>
                )}
              </button>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
