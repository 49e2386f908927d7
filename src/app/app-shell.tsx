import { AboutPanel } from '../features/about/about-panel.tsx';
import { RatingDeck } from '../features/deck/rating-deck.tsx';
import { ForYouPanel } from '../features/for-you/for-you-panel.tsx';
import { CategoryGrid } from '../features/grid/category-grid.tsx';
import { ProfilesPanel } from '../features/profiles/profiles-panel.tsx';
import { useT } from '../i18n/use-t.ts';
import { useApp } from '../state/app-store.ts';
import type { Tab } from '../state/store-types.ts';
import { AppHeader } from './app-header.tsx';
import { NavTabs } from './nav-tabs.tsx';

const PANELS: Record<Tab, () => React.JSX.Element> = {
  deck: RatingDeck,
  grid: CategoryGrid,
  // Mount point for the later "For you" view (generation in a Web Worker).
  'for-you': ForYouPanel,
  profiles: ProfilesPanel,
  about: AboutPanel,
};

export function AppShell() {
  const t = useT();
  const tab = useApp((s) => s.tab);
  const storageError = useApp((s) => s.storageError);
  const clearStorageError = useApp((s) => s.clearStorageError);
  const Panel = PANELS[tab];
  return (
    <div className="app" data-testid="app-ready">
      <AppHeader />
      <NavTabs />
      {storageError && (
        <div className="banner banner-error" role="alert" data-testid="storage-error">
          {t('storageError', { error: storageError })}{' '}
          <button type="button" onClick={clearStorageError}>{t('dismiss')}</button>
        </div>
      )}
      <main className="panel" data-testid={`panel-${tab}`}>
        <Panel />
      </main>
    </div>
  );
}
