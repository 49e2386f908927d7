import { createStore, del, get, keys, set, update } from 'idb-keyval';
import type { AsyncStorage } from './async-storage.ts';

/**
 * AsyncStorage over IndexedDB, in its own database so other stores (models, caches) stay apart.
 * Opening is lazy: nothing touches IndexedDB until the first operation.
 */
export function createIdbStorage(): AsyncStorage {
  const store = createStore('beyond-catalog', 'app');
  return {
    get: async (key) => get(key, store),
    set: async (key, value) => set(key, value, store),
    del: async (key) => del(key, store),
    update: async (key, updater) => update(key, updater, store),
    keys: async () => (await keys(store)).map(String),
  };
}
