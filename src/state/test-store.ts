import type { Catalog } from '../engine/catalog.ts';
import { createMemoryStorage, type AsyncStorage } from './async-storage.ts';
import { createAppStore } from './create-app-store.ts';
import { createPersistence } from './persistence.ts';
import { createSerialQueue } from './serial-queue.ts';
import type { StoreDeps } from './store-types.ts';

/** A tiny catalog for store tests. */
export const testCatalog: Catalog = {
  format: 'beyond-catalog.catalog',
  version: 1,
  source: {},
  atlases: [{ file: 'a.png', vendor: 'google', columns: 4, rows: 1, tile: 64 }],
  items: ['1f600', '1f601', '1f602', '1f603'].map((u, index) => ({
    id: `google:${u}`, name: u, vendor: 'google', category: 'Smileys & Emotion', subcategory: 's',
    shortNames: [], keywords: [], atlas: 0, index,
  })),
};

/**
 * A store over the given storage with a ticking fake clock and counting ids. `announce` stands
 * in for the BroadcastChannel between tabs.
 */
export function makeTestStore(storage: AsyncStorage = createMemoryStorage(), announce: StoreDeps['announce'] = () => {}, idPrefix = 'p') {
  let tick = 0;
  let id = 0;
  const now = () => new Date(Date.UTC(2026, 10, 30, 17, 0, tick++));
  const store = createAppStore({
    persistence: createPersistence(storage, now),
    queue: createSerialQueue(),
    now,
    newId: () => `${idPrefix}${++id}`,
    newSeed: () => 1234 + id,
    announce,
  });
  store.getState().setCatalog(testCatalog);
  return store;
}

/** Storage whose writes wait until `release()` is called — to observe the order of events. */
export function gatedStorage() {
  const inner = createMemoryStorage();
  const waiting: (() => void)[] = [];
  let gated = false;
  return {
    inner,
    gate: () => (gated = true),
    release: () => {
      gated = false;
      waiting.splice(0).forEach((go) => go());
    },
    storage: {
      get: inner.get,
      del: inner.del,
      keys: inner.keys,
      set: async (key: string, value: unknown) => {
        if (gated) await new Promise<void>((go) => waiting.push(go));
        await inner.set(key, value);
      },
      update: async (key: string, updater: (old: unknown) => unknown) => {
        if (gated) await new Promise<void>((go) => waiting.push(go));
        await inner.update(key, updater);
      },
    } satisfies AsyncStorage,
  };
}
