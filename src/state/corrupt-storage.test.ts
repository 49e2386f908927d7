import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from './async-storage.ts';
import { makeTestStore } from './test-store.ts';

const rating = (item: string, value = 'like') => ({ item, rating: value, at: '2026-11-30T17:00:00.000Z' });
const profile = (id: string, name: string) => ({ id, name, createdAt: '2026-11-30T17:00:00.000Z', seed: 3 });

describe('hydration over damaged storage', () => {
  it('starts, keeps every good record, reports the rest and sets the damaged values aside', async () => {
    const badRatings = [rating('google:1f600'), { item: 42 }, rating('google:1f601', 'dislike'), 'junk'];
    const storage = createMemoryStorage({
      schema: { version: 1 },
      'v1/settings': { language: 'ja', kiosk: 'maybe' },
      'v1/profiles': { profiles: [profile('a', 'Ada'), { id: 7 }, profile('b', 'Bo')], activeId: 'a' },
      'v1/ratings/a': badRatings,
      'v1/ratings/b': [rating('google:1f602')],
    });
    const store = makeTestStore(storage);
    await store.getState().hydrate('en');
    const s = store.getState();
    expect(s.hydrated).toBe(true);
    expect(s.language).toBe('ja');
    expect(s.profiles.map((p) => p.name)).toEqual(['Ada', 'Bo']);
    expect(s.ratings.map((r) => r.item)).toEqual(['google:1f600', 'google:1f601']);
    expect(s.dataProblems).toEqual([
      'The kiosk setting the text "maybe" is unreadable; kiosk mode is off.',
      'Profile 2 has a bad id (number 7) and was dropped.',
      'Rating 2 has a bad item (number 42) and was dropped.',
      'Rating 4 is the text "junk" and was dropped.',
    ]);
    // The damaged originals are kept under quarantine keys; the live keys are clean now.
    const quarantined = [...storage.data.keys()].filter((k) => k.startsWith('quarantine/'));
    expect(quarantined.map((k) => k.replace(/^quarantine\/[^/]+\//, '')).sort()).toEqual(['v1/profiles', 'v1/ratings/a', 'v1/settings']);
    expect(storage.data.get(quarantined.find((k) => k.endsWith('v1/ratings/a'))!)).toEqual(badRatings);
    expect(storage.data.get('v1/ratings/a')).toEqual(s.ratings);

    // A second start finds nothing wrong, and the other profile's ratings are intact.
    const again = makeTestStore(storage);
    await again.getState().hydrate('en');
    expect(again.getState().dataProblems).toEqual([]);
    await again.getState().switchProfile('b');
    expect(again.getState().ratings.map((r) => r.item)).toEqual(['google:1f602']);
  });

  it('restores profiles from ratings when the profile list itself is unreadable', async () => {
    const storage = createMemoryStorage({
      'v1/profiles': 'not an index',
      'v1/ratings/x1': [rating('google:1f600')],
      'v1/ratings/x2': [rating('google:1f601'), rating('google:1f602')],
    });
    const store = makeTestStore(storage);
    await store.getState().hydrate('en');
    const s = store.getState();
    expect(s.profiles.map((p) => [p.id, p.name])).toEqual([['x1', 'Recovered 1'], ['x2', 'Recovered 2']]);
    expect(s.ratings).toHaveLength(1);
    expect(s.dataProblems).toEqual([
      'The profile list was unreadable (the text "not an index").',
      '2 profile(s) were restored from ratings that had lost their profile entry.',
    ]);
  });

  it('reads data marked with an unknown version, says so, and leaves the marker alone', async () => {
    const storage = createMemoryStorage({
      schema: { version: 2 },
      'v1/profiles': { profiles: [profile('a', 'Ada')], activeId: 'a' },
      'v1/ratings/a': [rating('google:1f600')],
    });
    const store = makeTestStore(storage);
    await store.getState().hydrate('en');
    expect(store.getState().ratings).toHaveLength(1);
    expect(store.getState().dataProblems).toEqual([
      'The stored data is marked with an unknown version (number 2); this app reads version 1. Records it can read were kept.',
    ]);
    expect(storage.data.get('schema')).toEqual({ version: 2 });
    store.getState().clearDataProblems();
    expect(store.getState().dataProblems).toEqual([]);
  });

  it('marks a fresh store with its layout version', async () => {
    const storage = createMemoryStorage();
    await makeTestStore(storage).getState().hydrate('en');
    expect(storage.data.get('schema')).toEqual({ version: 1 });
  });
});
