import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from './async-storage.ts';
import { gatedStorage, makeTestStore } from './test-store.ts';

const stored = (storage: ReturnType<typeof createMemoryStorage>, profileId: string) => storage.data.get(`v1/ratings/${profileId}`);

describe('ratings slice', () => {
  it('writes a rating to storage before state acknowledges it', async () => {
    const g = gatedStorage();
    const store = makeTestStore(g.storage);
    await store.getState().hydrate('en');
    g.gate();
    const done = store.getState().rate('google:1f600', 'like');
    await new Promise((r) => setTimeout(r, 5));
    expect(store.getState().ratings).toEqual([]);
    expect(store.getState().pending).toEqual(['google:1f600']);
    g.release();
    await done;
    expect(store.getState().ratings).toEqual([{ item: 'google:1f600', rating: 'like', at: expect.any(String) }]);
    expect(store.getState().pending).toEqual([]);
    expect(stored(g.inner, store.getState().activeId)).toEqual(store.getState().ratings);
  });

  it('does not acknowledge a rating whose write failed', async () => {
    const storage = createMemoryStorage();
    const store = makeTestStore(storage);
    await store.getState().hydrate('en');
    storage.set = storage.update = async () => {
      throw new Error('quota exceeded');
    };
    await store.getState().rate('google:1f600', 'like');
    expect(store.getState().ratings).toEqual([]);
    expect(store.getState().pending).toEqual([]);
    expect(store.getState().storageError).toBe('quota exceeded');
  });

  it('keeps fast, overlapping ratings in order and survives a reload', async () => {
    const storage = createMemoryStorage();
    const store = makeTestStore(storage);
    await store.getState().hydrate('en');
    const s = store.getState();
    await Promise.all([s.rate('google:1f600', 'like'), s.rate('google:1f601', 'dislike'), s.rate('google:1f602', 'like')]);
    const reloaded = makeTestStore(storage);
    await reloaded.getState().hydrate('en');
    expect(reloaded.getState().ratings.map((r) => [r.item, r.rating])).toEqual([
      ['google:1f600', 'like'],
      ['google:1f601', 'dislike'],
      ['google:1f602', 'like'],
    ]);
  });

  it('undo removes exactly the last rating, also from storage', async () => {
    const storage = createMemoryStorage();
    const store = makeTestStore(storage);
    await store.getState().hydrate('en');
    const s = store.getState();
    await s.rate('google:1f600', 'like');
    await s.rate('google:1f601', 'dislike');
    await s.undo();
    expect(store.getState().ratings.map((r) => r.item)).toEqual(['google:1f600']);
    expect(stored(storage, store.getState().activeId)).toEqual(store.getState().ratings);
  });

  it('unrates one item and resets the profile', async () => {
    const store = makeTestStore();
    await store.getState().hydrate('en');
    const s = store.getState();
    await s.rate('google:1f600', 'like');
    await s.rate('google:1f601', 'like');
    await s.unrate('google:1f600');
    expect(store.getState().ratings.map((r) => r.item)).toEqual(['google:1f601']);
    await s.resetRatings();
    expect(store.getState().ratings).toEqual([]);
  });

  it('removes the ratings of several items in one write, keeping the rest in order', async () => {
    const storage = createMemoryStorage();
    const store = makeTestStore(storage);
    await store.getState().hydrate('en');
    for (const item of ['google:1f600', 'google:1f601', 'google:1f602']) await store.getState().rate(item, 'like');
    await store.getState().removeRatings(['google:1f602', 'google:1f600', 'google:9999']);
    expect(store.getState().ratings.map((r) => r.item)).toEqual(['google:1f601']);
    expect(stored(storage, store.getState().activeId)).toEqual(store.getState().ratings);
  });

  it('exports the contract file', async () => {
    const store = makeTestStore();
    await store.getState().hydrate('en');
    await store.getState().rate('google:1f600', 'dislike');
    expect(store.getState().exportActive()).toEqual({
      format: 'beyond-catalog.ratings',
      version: 1,
      profile: 'Visitor 1',
      ratings: [{ item: 'google:1f600', rating: 'dislike', at: expect.stringMatching(/^2026-11-30T17:00:\d\d\.000Z$/) }],
    });
  });
});
