import { createStore, del, get, set } from 'idb-keyval';
import type { AsyncStorage } from './async-storage.ts';

/** AsyncStorage over IndexedDB, in its own database so other stores (models, caches) stay apart. */
export function createIdbStorage(): AsyncStorage {
  const store = createStore('beyond-catalog', 'app');
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
  };
}
