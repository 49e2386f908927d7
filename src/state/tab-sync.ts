import type { StoreApi } from 'zustand/vanilla';
import type { AppState, StorageChange } from './store-types.ts';

const CHANNEL = 'beyond-catalog';

/**
 * Keeps tabs of the app in step. A tab that wrote says so on a BroadcastChannel; the others
 * re-read storage. Because a focused or re-shown tab also re-reads, tabs converge even where
 * BroadcastChannel is missing or a message was lost.
 */
export function createTabSync() {
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  return {
    announce(change: StorageChange): void {
      channel?.postMessage({ change });
    },
    /** Starts listening; returns a function that stops. */
    connect(store: StoreApi<AppState>): () => void {
      const refresh = () => void store.getState().refresh();
      const onVisible = () => {
        if (document.visibilityState === 'visible') refresh();
      };
      channel?.addEventListener('message', refresh);
      window.addEventListener('focus', refresh);
      document.addEventListener('visibilitychange', onVisible);
      return () => {
        channel?.removeEventListener('message', refresh);
        window.removeEventListener('focus', refresh);
        document.removeEventListener('visibilitychange', onVisible);
      };
    },
  };
}
