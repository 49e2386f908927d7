import { createMemoryStorage, type AsyncStorage } from './async-storage.ts';
import { errorText } from './error-text.ts';

export type StorageMode = 'indexeddb' | 'memory';

export interface StorageStatus {
  mode: StorageMode;
  /** Why the persistent storage could not be used (memory mode only). */
  reason?: string;
}

/** An AsyncStorage that says, once probed, whether it persists. */
export interface ProbedStorage extends AsyncStorage {
  status(): Promise<StorageStatus>;
}

/**
 * Uses the storage `open` returns once a read through it has succeeded within `timeoutMs`;
 * otherwise (IndexedDB missing, blocked, throwing or hanging) keeps everything in memory for
 * this page, so the app still works and can say that nothing will be kept. The wait is long:
 * a busy machine can take seconds to open IndexedDB, and giving up early would silently
 * trade a working store for one that forgets.
 */
export function withMemoryFallback(open: () => AsyncStorage, probeKey: string, timeoutMs = 15_000): ProbedStorage {
  let chosen: Promise<{ storage: AsyncStorage; status: StorageStatus }> | null = null;
  const choose = () =>
    (chosen ??= (async () => {
      try {
        const storage = open();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer from IndexedDB within ${timeoutMs / 1000} s`)), timeoutMs);
        });
        try {
          await Promise.race([storage.get(probeKey), timeout]);
        } finally {
          clearTimeout(timer);
        }
        return { storage, status: { mode: 'indexeddb' as const } };
      } catch (e) {
        return { storage: createMemoryStorage(), status: { mode: 'memory' as const, reason: errorText(e) } };
      }
    })());
  return {
    status: async () => (await choose()).status,
    get: async (key) => (await choose()).storage.get(key),
    set: async (key, value) => (await choose()).storage.set(key, value),
    del: async (key) => (await choose()).storage.del(key),
    update: async (key, updater) => (await choose()).storage.update(key, updater),
    keys: async () => (await choose()).storage.keys(),
  };
}
