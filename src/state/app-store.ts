import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { createAppStore } from './create-app-store.ts';
import { withMemoryFallback } from './fallback-storage.ts';
import { createIdbStorage } from './idb-storage.ts';
import { createPersistence, PROBE_KEY } from './persistence.ts';
import { createSerialQueue } from './serial-queue.ts';
import type { AppState } from './store-types.ts';
import { createTabSync } from './tab-sync.ts';

/** Carries "stored data changed" between tabs; connected in main.tsx. */
export const tabSync = createTabSync();

/**
 * The page's store: IndexedDB through idb-keyval (in memory when IndexedDB cannot be opened),
 * real clock, random ids and seeds.
 */
export const appStore = createAppStore({
  persistence: createPersistence(withMemoryFallback(createIdbStorage, PROBE_KEY)),
  queue: createSerialQueue(),
  now: () => new Date(),
  newId: () => crypto.randomUUID(),
  newSeed: () => crypto.getRandomValues(new Uint32Array(1))[0],
  announce: (change) => tabSync.announce(change),
});

/** Selects from the store; re-renders only when the selected value changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}

/** Like useApp for selectors that build a fresh object or array each time. */
export function useAppShallow<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, useShallow(selector));
}
