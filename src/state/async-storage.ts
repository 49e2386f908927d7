/** The few async key-value operations persistence needs; idb-keyval in the page, a fake in tests. */
export interface AsyncStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /**
   * Reads one key, transforms it and writes the result in one transaction, so a write from
   * another tab cannot land in between. `updater` must be synchronous.
   */
  update(key: string, updater: (old: unknown) => unknown): Promise<void>;
  keys(): Promise<string[]>;
}

/**
 * In-memory AsyncStorage. Values are structured-cloned on the way in and out, as IndexedDB
 * does, so a test cannot pass by mutating shared objects.
 */
export function createMemoryStorage(initial: Record<string, unknown> = {}): AsyncStorage & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(initial).map(([k, v]) => [k, structuredClone(v)]));
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => {
      data.set(key, structuredClone(value));
    },
    del: async (key) => {
      data.delete(key);
    },
    update: async (key, updater) => {
      data.set(key, structuredClone(updater(structuredClone(data.get(key)))));
    },
    keys: async () => [...data.keys()],
  };
}
