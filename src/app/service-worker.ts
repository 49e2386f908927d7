import { registerSW } from 'virtual:pwa-register';
import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../state/store-types.ts';
import { precacheMoment } from './precache-moment.ts';

/**
 * Registers the Workbox service worker that keeps the demo working offline, and decides when a
 * new version takes over: it installs in the background and waits; at the next visitor
 * boundary ("New visitor", or the kiosk idle reset) this tab activates it and reloads — never
 * during a visit. If another tab activated it first, this tab follows at its own next visitor.
 * With no visitor boundary, the new version starts on the next visit, as service workers do.
 * Registration itself waits for precacheMoment: not beside the first model load.
 */
export function startServiceWorker(store: StoreApi<AppState>): void {
  const { setOffline, setUpdateWaiting } = store.getState();
  if (!('serviceWorker' in navigator)) return setOffline('unsupported');
  setOffline('installing');
  let registration: ServiceWorkerRegistration | undefined;
  let switching = false;
  let hadController = navigator.serviceWorker.controller !== null;

  void precacheMoment(store).then(() => registerSW({
    immediate: true,
    onRegisteredSW: (_url, r) => {
      registration = r;
      if (r?.active) setOffline('ready');
    },
    onOfflineReady: () => setOffline('ready'),
    onNeedRefresh: () => setUpdateWaiting(true),
    // Reloading is decided below, never by the plugin.
    onNeedReload: () => undefined,
    onRegisterError: () => setOffline('unsupported'),
  }));

  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (switching) return window.location.reload();
    // The first install taking control is not an update; a later change is another tab's switch.
    if (hadController) setUpdateWaiting(true);
    hadController = true;
  });

  store.subscribe((state, previous) => {
    if (state.visitorEpoch === previous.visitorEpoch) return;
    const waiting = registration?.waiting;
    if (!state.updateWaiting) {
      // A kiosk tab may never navigate: look for a new version between visitors.
      void registration?.update().catch(() => undefined);
    } else if (waiting) {
      switching = true;
      // Handled by the generated worker (registerType 'prompt'): it activates, then controllerchange.
      waiting.postMessage({ type: 'SKIP_WAITING' });
    } else {
      window.location.reload();
    }
  });
}
