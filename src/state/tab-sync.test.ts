import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from './async-storage.ts';
import { makeTestStore } from './test-store.ts';

/** Two stores over one storage, each telling the other when it wrote — two tabs in miniature. */
async function twoTabs() {
  const storage = createMemoryStorage();
  const tabs: ReturnType<typeof makeTestStore>[] = [];
  tabs.push(makeTestStore(storage, () => void tabs[1].getState().refresh(), 'a'));
  tabs.push(makeTestStore(storage, () => void tabs[0].getState().refresh(), 'b'));
  // Both open at once on an empty store: they must agree on one first profile.
  await Promise.all(tabs.map((t) => t.getState().hydrate('en')));
  return { storage, a: tabs[0], b: tabs[1] };
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
};
const items = (store: ReturnType<typeof makeTestStore>) => store.getState().ratings.map((r) => `${r.item}=${r.rating}`).sort();

describe('two tabs', () => {
  it('open on one shared first profile', async () => {
    const { a, b } = await twoTabs();
    expect(a.getState().profiles).toHaveLength(1);
    expect(b.getState().profiles).toEqual(a.getState().profiles);
    expect(b.getState().activeId).toBe(a.getState().activeId);
  });

  it('rating at the same time keep both sets and converge', async () => {
    const { storage, a, b } = await twoTabs();
    await Promise.all([
      a.getState().rate('google:1f600', 'like'),
      b.getState().rate('google:1f601', 'dislike'),
      a.getState().rate('google:1f602', 'like'),
      b.getState().rate('google:1f603', 'dislike'),
    ]);
    await settle();
    const all = ['google:1f600=like', 'google:1f601=dislike', 'google:1f602=like', 'google:1f603=dislike'];
    expect(items(a)).toEqual(all);
    expect(items(b)).toEqual(all);
    expect((storage.data.get(`v1/ratings/${a.getState().activeId}`) as unknown[]).length).toBe(4);
  });

  it('see each other’s profiles while each keeps its own active one', async () => {
    const { a, b } = await twoTabs();
    const shared = a.getState().activeId;
    await Promise.all([a.getState().createProfile('Ada'), b.getState().createProfile('Bo')]);
    await settle();
    const names = (t: typeof a) => t.getState().profiles.map((p) => p.name).sort();
    expect(names(a)).toEqual(['Ada', 'Bo', 'Visitor 1']);
    expect(names(b)).toEqual(names(a));
    expect(a.getState().profiles.find((p) => p.id === a.getState().activeId)?.name).toBe('Ada');
    expect(b.getState().profiles.find((p) => p.id === b.getState().activeId)?.name).toBe('Bo');

    // Deleting the profile another tab shows moves that tab to a profile that exists.
    await b.getState().switchProfile(shared);
    await b.getState().rate('google:1f600', 'like');
    await a.getState().deleteProfile(shared);
    await settle();
    expect(b.getState().profiles.some((p) => p.id === shared)).toBe(false);
    expect(b.getState().activeId).not.toBe(shared);
    expect(b.getState().ratings).toEqual([]);
  });

  it('share settings', async () => {
    const { a, b } = await twoTabs();
    await a.getState().setLanguage('ja');
    await a.getState().setKiosk(true);
    await settle();
    expect(b.getState()).toMatchObject({ language: 'ja', kiosk: true });
  });
});
