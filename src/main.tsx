import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { loadCatalog } from './app/load-catalog.ts';
import { startServiceWorker } from './app/service-worker.ts';
import { prepareForReturningVisitor } from './app/use-preload-models.ts';
import { detectLanguage } from './i18n/translate.ts';
import { appStore, tabSync } from './state/app-store.ts';
import './app/app.css';

const state = appStore.getState();
void state.hydrate(detectLanguage(navigator.languages ?? [navigator.language])).then(() => prepareForReturningVisitor(appStore.getState()));
loadCatalog().then(state.setCatalog, (e: unknown) => state.setCatalogError(e instanceof Error ? e.message : String(e)));
tabSync.connect(appStore);
startServiceWorker(appStore);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
