import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/use-t.ts';
import { useApp } from '../state/app-store.ts';
import type { Tab } from '../state/store-types.ts';

const TABS: { tab: Tab; label: MessageKey }[] = [
  { tab: 'deck', label: 'tabDeck' },
  { tab: 'grid', label: 'tabGrid' },
  { tab: 'for-you', label: 'tabForYou' },
  { tab: 'taste-map', label: 'tabTasteMap' },
  { tab: 'profiles', label: 'tabProfiles' },
  { tab: 'settings', label: 'tabSettings' },
  { tab: 'about', label: 'tabAbout' },
];

export function NavTabs() {
  const t = useT();
  const current = useApp((s) => s.tab);
  const setTab = useApp((s) => s.setTab);
  return (
    <nav className="nav-tabs" role="tablist">
      {TABS.map(({ tab, label }) => (
        <button
          key={tab}
          type="button"
          role="tab"
          aria-selected={tab === current}
          data-testid={`tab-${tab}`}
          className={tab === current ? 'active' : undefined}
          onClick={() => setTab(tab)}
        >
          {t(label)}
        </button>
      ))}
    </nav>
  );
}
