import { useT } from '../i18n/use-t.ts';
import { useApp } from '../state/app-store.ts';
import { LanguageSelect } from './language-select.tsx';
import { RatingCounters } from './rating-counters.tsx';

export function AppHeader() {
  const t = useT();
  const profileName = useApp((s) => s.profiles.find((p) => p.id === s.activeId)?.name ?? '');
  const newVisitor = useApp((s) => s.newVisitor);
  return (
    <header className="app-header">
      <div className="brand">
        <h1 data-testid="app-title">{t('appTitle')}</h1>
        <p className="tagline">{t('tagline')}</p>
      </div>
      <RatingCounters />
      <div className="header-tools">
        <span className="profile-badge">
          {t('currentProfile')}: <strong data-testid="active-profile-name">{profileName}</strong>
        </span>
        <button type="button" data-testid="new-visitor" onClick={() => void newVisitor()}>
          {t('newVisitor')}
        </button>
        <LanguageSelect />
      </div>
    </header>
  );
}
