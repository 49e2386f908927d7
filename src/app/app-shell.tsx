import { useEffect } from 'react';
import { AboutPanel } from '../features/about/about-panel.tsx';
import { RatingDeck } from '../features/deck/rating-deck.tsx';
import { ForYouPanel } from '../features/for-you/for-you-panel.tsx';
import { CategoryGrid } from '../features/grid/category-grid.tsx';
import { KioskPanel } from '../features/kiosk/kiosk-panel.tsx';
import { useKioskSession } from '../features/kiosk/use-kiosk-session.ts';
import { ProfilesPanel } from '../features/profiles/profiles-panel.tsx';
import { TasteMapPanel } from '../features/taste-map/taste-map-panel.tsx';
import { useApp } from '../state/app-store.ts';
import type { Tab } from '../state/store-types.ts';
import { AppHeader } from './app-header.tsx';
import { NavTabs } from './nav-tabs.tsx';
import { StatusBanners } from './status-banners.tsx';
import { usePreloadModels } from './use-preload-models.ts';

const PANELS: Record<Tab, () => React.JSX.Element> = {
  deck: RatingDeck,
  grid: CategoryGrid,
  'for-you': ForYouPanel,
  'taste-map': TasteMapPanel,
  profiles: ProfilesPanel,
  settings: KioskPanel,
  about: AboutPanel,
};

export function AppShell() {
  const tab = useApp((s) => s.tab);
  const kiosk = useApp((s) => s.kiosk);
  const visitorEpoch = useApp((s) => s.visitorEpoch);
  useKioskSession();
  usePreloadModels();
  useEffect(() => {
    // A new visitor starts at the top, with nothing focused from the previous one.
    window.scrollTo(0, 0);
    (document.activeElement as HTMLElement | null)?.blur?.();
  }, [visitorEpoch]);
  const Panel = PANELS[tab];
  return (
    <div className={kiosk ? 'app kiosk' : 'app'} data-testid="app-ready" data-kiosk={kiosk}>
      <AppHeader />
      <NavTabs />
      <StatusBanners />
      {/* Keyed on the visitor: a new visitor gets fresh views, with no state left in them. */}
      <main key={visitorEpoch} className="panel" data-testid={`panel-${tab}`}>
        <Panel />
      </main>
    </div>
  );
}
