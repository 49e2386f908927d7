import { LANGUAGES, type Language } from '../i18n/translate.ts';
import { useT } from '../i18n/use-t.ts';
import { useApp } from '../state/app-store.ts';

// Each language is named in itself, so it can be found whatever the current language is.
const NATIVE_NAMES: Record<Language, string> = { en: 'English', ja: '日本語' };

export function LanguageSelect() {
  const t = useT();
  const language = useApp((s) => s.language);
  const setLanguage = useApp((s) => s.setLanguage);
  return (
    <label className="language-select">
      <span>{t('language')}</span>
      <select data-testid="language-select" value={language} onChange={(e) => void setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>{NATIVE_NAMES[l]}</option>
        ))}
      </select>
    </label>
  );
}
