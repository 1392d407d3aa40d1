import { useId } from 'preact/hooks';
import { language, LANGUAGES, setLanguage, t, type Language } from '../i18n/i18n';

export function LanguagePicker() {
  const id = useId();
  return (
    <div class="language">
      <label for={id}>{t('nav.language')}</label>
      <select
        id={id}
        value={language()}
        onChange={(event) => setLanguage((event.target as HTMLSelectElement).value as Language)}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`language.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
