import { useEffect } from 'react';
import { useT } from '../i18n/use-t.ts';
import { useApp } from '../state/app-store.ts';
import { AppShell } from './app-shell.tsx';

/** Waits for stored data and the catalog before showing anything that depends on them. */
export function App() {
  const t = useT();
  const ready = useApp((s) => s.hydrated && s.catalog !== null);
  const catalogError = useApp((s) => s.catalogError);
  const language = useApp((s) => s.language);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('appTitle');
  }, [language, t]);

  if (catalogError) {
    return <p className="app-message" role="alert" data-testid="catalog-error">{t('catalogError', { error: catalogError })}</p>;
  }
  if (!ready) return <p className="app-message" data-testid="loading">{t('loading')}</p>;
  return <AppShell />;
}
