import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { createAppStore } from './create-app-store.ts';
import { createIdbStorage } from './idb-storage.ts';
import { createPersistence } from './persistence.ts';
import { createSerialQueue } from './serial-queue.ts';
import type { AppState } from './store-types.ts';

/** The page's store: IndexedDB through idb-keyval, real clock, random ids and seeds. */
export const appStore = createAppStore({
  persistence: createPersistence(createIdbStorage()),
  queue: createSerialQueue(),
  now: () => new Date(),
  newId: () => crypto.randomUUID(),
  newSeed: () => crypto.getRandomValues(new Uint32Array(1))[0],
});

/** Selects from the store; re-renders only when the selected value changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}

/** Like useApp for selectors that build a fresh object or array each time. */
export function useAppShallow<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, useShallow(selector));
}
