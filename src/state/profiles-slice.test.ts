import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from './async-storage.ts';
import { makeTestStore } from './test-store.ts';

const names = (store: ReturnType<typeof makeTestStore>) => store.getState().profiles.map((p) => p.name);

describe('profiles slice', () => {
  it('hydrates a first anonymous profile in the browser language and keeps it', async () => {
    const storage = createMemoryStorage();
    const store = makeTestStore(storage);
    expect(store.getState().hydrated).toBe(false);
    await store.getState().hydrate('ja');
    expect(store.getState()).toMatchObject({ hydrated: true, language: 'ja' });
    expect(names(store)).toEqual(['来場者 1']);
    const again = makeTestStore(storage);
    await again.getState().hydrate('en');
    expect(again.getState().activeId).toBe(store.getState().activeId);
  });

  it('remembers the chosen language over the browser default', async () => {
    const storage = createMemoryStorage();
    const store = makeTestStore(storage);
    await store.getState().hydrate('en');
    await store.getState().setLanguage('ja');
    const again = makeTestStore(storage);
    await again.getState().hydrate('en');
    expect(again.getState().language).toBe('ja');
  });

  it('creates, renames, switches and deletes, each profile keeping its own ratings', async () => {
    const storage = createMemoryStorage();
    const store = makeTestStore(storage);
    await store.getState().hydrate('en');
    const first = store.getState().activeId;
    await store.getState().rate('google:1f600', 'like');
    await store.getState().createProfile('  Ada ');
    expect(names(store)).toEqual(['Visitor 1', 'Ada']);
    expect(store.getState().ratings).toEqual([]);
    await store.getState().rate('google:1f601', 'dislike');
    await store.getState().renameProfile(store.getState().activeId, 'Ada L.');
    await store.getState().switchProfile(first);
    expect(store.getState().ratings.map((r) => r.item)).toEqual(['google:1f600']);
    const ada = store.getState().profiles[1].id;
    await store.getState().deleteProfile(ada);
    expect(names(store)).toEqual(['Visitor 1']);
    expect(storage.data.has(`v1/ratings/${ada}`)).toBe(false);
    await store.getState().deleteProfile(first);
    expect(names(store)).toEqual(['Visitor 1']);
    expect(store.getState().activeId).not.toBe(first);
    expect(store.getState().ratings).toEqual([]);
  });

  it('"New visitor" makes a fresh anonymous profile and switches to it', async () => {
    const store = makeTestStore();
    await store.getState().hydrate('en');
    await store.getState().rate('google:1f600', 'like');
    store.getState().skip('google:1f601');
    await store.getState().newVisitor();
    await store.getState().newVisitor();
    expect(names(store)).toEqual(['Visitor 1', 'Visitor 2', 'Visitor 3']);
    expect(store.getState().activeId).toBe(store.getState().profiles[2].id);
    expect(store.getState().ratings).toEqual([]);
    expect(store.getState().skipped).toEqual([]);
  });

  it('imports a valid file into a new profile, round-tripping the export', async () => {
    const store = makeTestStore();
    await store.getState().hydrate('en');
    await store.getState().rate('google:1f600', 'like');
    await store.getState().rate('google:1f602', 'dislike');
    const exported = store.getState().exportActive();
    const result = await store.getState().importProfile(JSON.stringify(exported));
    expect(result).toMatchObject({ ok: true, count: 2, profile: { name: 'Visitor 1 (2)' } });
    expect(store.getState().exportActive().ratings).toEqual(exported.ratings);
  });

  it('rejects an invalid file whole and touches nothing', async () => {
    const storage = createMemoryStorage();
    const store = makeTestStore(storage);
    await store.getState().hydrate('en');
    await store.getState().rate('google:1f600', 'like');
    const before = structuredClone([...storage.data]);
    const bad = { format: 'beyond-catalog.ratings', version: 1, profile: 'X', ratings: [{ item: 'google:1f600', rating: 'like', at: 'soon' }] };
    const result = await store.getState().importProfile(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0].message).toMatch(/ratings\[0\]\.at/);
    expect([...storage.data]).toEqual(before);
    expect(names(store)).toEqual(['Visitor 1']);
  });
});
