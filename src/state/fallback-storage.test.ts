import { describe, expect, it } from 'vitest';
import { createMemoryStorage, type AsyncStorage } from './async-storage.ts';
import { withMemoryFallback } from './fallback-storage.ts';
import { createPersistence } from './persistence.ts';
import { makeTestStore } from './test-store.ts';

const broken = (fault: 'throws' | 'rejects' | 'hangs'): (() => AsyncStorage) => () => {
  if (fault === 'throws') throw new DOMException('The user denied permission to access the database.', 'SecurityError');
  const never = new Promise<never>(() => {});
  const fail = async (): Promise<never> => {
    if (fault === 'hangs') return never;
    throw new DOMException('Internal error opening backing store', 'UnknownError');
  };
  return { get: fail, set: fail, del: fail, update: fail, keys: fail };
};

describe('storage with an in-memory fallback', () => {
  it('uses the real storage once a read through it succeeds', async () => {
    const real = createMemoryStorage({ schema: { version: 1 } });
    const storage = withMemoryFallback(() => real, 'schema');
    await storage.set('k', 1);
    expect(await storage.status()).toEqual({ mode: 'indexeddb' });
    expect(real.data.get('k')).toBe(1);
  });

  it.each(['throws', 'rejects', 'hangs'] as const)('keeps data in memory when opening %s', async (fault) => {
    const storage = withMemoryFallback(broken(fault), 'schema', 50);
    await storage.set('k', 1);
    expect(await storage.get('k')).toBe(1);
    const status = await storage.status();
    expect(status.mode).toBe('memory');
    expect(status.reason).toMatch(fault === 'hangs' ? /no answer from IndexedDB within 0.05 s/ : /denied|backing store/);
  });

  it('lets the app hydrate, rate and say it runs in memory', async () => {
    const storage = withMemoryFallback(broken('throws'), 'schema', 50);
    const store = makeTestStore(storage);
    await store.getState().hydrate('en');
    await store.getState().rate('google:1f600', 'like');
    expect(store.getState()).toMatchObject({ storageMode: 'memory', storageError: null, ratings: [{ item: 'google:1f600' }] });
    expect(store.getState().storageFailure).toMatch(/denied/);
    expect(await createPersistence(storage).status()).toMatchObject({ mode: 'memory' });
  });
});
