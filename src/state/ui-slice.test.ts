import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from './async-storage.ts';
import { makeTestStore } from './test-store.ts';

describe('ui slice', () => {
  it('"New visitor" leaves nothing of the previous visitor in state', async () => {
    const store = makeTestStore();
    await store.getState().hydrate('en');
    const s = store.getState();
    await s.rate('google:1f600', 'like');
    s.skip('google:1f601');
    s.setTab('profiles');
    s.setImportOutcome({ ok: false, errors: ['bad file'] });
    store.setState({ storageError: 'quota' });
    const epoch = store.getState().visitorEpoch;
    await s.newVisitor();
    expect(store.getState()).toMatchObject({
      tab: 'deck',
      ratings: [],
      skipped: [],
      pending: [],
      importOutcome: null,
      storageError: null,
      visitorEpoch: epoch + 1,
    });
    expect(store.getState().profiles.find((p) => p.id === store.getState().activeId)?.name).toBe('Visitor 2');
  });

  it('stores the kiosk settings and keeps an idle time only within range', async () => {
    const storage = createMemoryStorage();
    const store = makeTestStore(storage);
    await store.getState().hydrate('en');
    await store.getState().setKiosk(true);
    await store.getState().setIdleMinutes(5);
    await store.getState().setLanguage('ja');
    expect(storage.data.get('v1/settings')).toEqual({ language: 'ja', kiosk: true, idleMinutes: 5 });
    await store.getState().setIdleMinutes(0);
    expect(store.getState().idleMinutes).toBeNull();
    await store.getState().setIdleMinutes(3);
    const again = makeTestStore(storage);
    await again.getState().hydrate('en');
    expect(again.getState()).toMatchObject({ language: 'ja', kiosk: true, idleMinutes: 3 });
  });

  it('shows a settings change at once and takes it back when it cannot be stored', async () => {
    const storage = createMemoryStorage();
    const store = makeTestStore(storage);
    await store.getState().hydrate('en');
    storage.set = async () => {
      throw new Error('disk full');
    };
    const saving = store.getState().setKiosk(true);
    expect(store.getState().kiosk).toBe(true);
    await saving;
    expect(store.getState()).toMatchObject({ kiosk: false, storageError: 'disk full' });
  });
});
