import { describe, expect, it } from 'vitest';
import { malformedRatingsFiles } from '../engine/ratings-file-mutations.ts';
import { buildRatingsFile } from '../engine/ratings-file.ts';
import { validateRatingsText } from '../engine/validate-ratings-file.ts';
import { createMemoryStorage } from './async-storage.ts';
import { makeTestStore, testCatalog } from './test-store.ts';

// Fault test: generated malformed files are each rejected with a message, and a rejected
// import leaves stored data exactly as it was (README "Reliability").
const COUNT = 300;
const valid = buildRatingsFile(
  'Ada',
  testCatalog.items.map((item, i) => ({ item: item.id, rating: i % 2 ? 'dislike' : 'like', at: `2026-11-30T17:00:0${i}Z` })),
);
const files = malformedRatingsFiles(valid, COUNT, 2026);
const known = new Set(testCatalog.items.map((i) => i.id));

describe(`${COUNT} generated malformed ratings files`, () => {
  it('are distinct and deterministic', () => {
    expect(files).toHaveLength(COUNT);
    expect(new Set(files.map((f) => f.text)).size).toBe(COUNT);
    expect(malformedRatingsFiles(valid, COUNT, 2026)).toEqual(files);
    expect(validateRatingsText(JSON.stringify(valid), known).ok).toBe(true);
  });

  it('are each rejected by the validator with at least one message', () => {
    const codes = new Set<string>();
    for (const file of files) {
      const result = validateRatingsText(file.text, known);
      expect(result.ok, file.mutation).toBe(false);
      if (result.ok) continue;
      expect(result.errors.length, file.mutation).toBeGreaterThan(0);
      for (const e of result.errors) {
        expect(e.message.length, file.mutation).toBeGreaterThan(10);
        codes.add(e.code);
      }
    }
    // The mutations reach (nearly) every kind of problem the validator knows.
    expect(codes.size).toBeGreaterThanOrEqual(18);
  });

  it('are each refused by the import, which stores nothing', async () => {
    const storage = createMemoryStorage();
    const store = makeTestStore(storage);
    await store.getState().hydrate('en');
    await store.getState().rate('google:1f600', 'like');
    await store.getState().rate('google:1f601', 'dislike');
    const before = structuredClone([...storage.data]);
    const state = () => ({ profiles: store.getState().profiles, activeId: store.getState().activeId, ratings: store.getState().ratings });
    const shown = state();
    for (const file of files) {
      const result = await store.getState().importProfile(file.text);
      expect(result.ok, file.mutation).toBe(false);
      expect(!result.ok && result.errors.length, file.mutation).toBeGreaterThan(0);
    }
    expect([...storage.data]).toEqual(before);
    expect(state()).toEqual(shown);
    // And a valid file still imports afterwards.
    expect((await store.getState().importProfile(JSON.stringify(valid))).ok).toBe(true);
  });
});
