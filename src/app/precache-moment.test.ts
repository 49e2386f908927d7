import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTestStore } from '../state/test-store.ts';
import { modelWorkPending, precacheMoment } from './precache-moment.ts';

type Store = ReturnType<typeof makeTestStore>;

function setGeneration(store: Store, change: Partial<ReturnType<Store['getState']>['generation']>) {
  store.setState((s) => ({ generation: { ...s.generation, ...change } }));
}

const batch = { profileId: 'p1', visitorEpoch: 0, seed: 1, steps: 10, guidance: 8, target: 'like', ratingsUsed: 7 } as never;

describe('precacheMoment', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  async function settled(p: Promise<void>): Promise<boolean> {
    let done = false;
    void p.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    return done;
  }

  it('waits out a model load and the first batch, then resolves at once', async () => {
    const store = makeTestStore();
    store.getState().setTab('for-you');
    const moment = precacheMoment(store, 1000);
    setGeneration(store, { models: { state: 'loading', progress: { stage: 'compile' } } });
    await vi.advanceTimersByTimeAsync(5000);
    expect(await settled(moment)).toBe(false);
    setGeneration(store, { models: { state: 'ready' } });
    expect(await settled(moment)).toBe(false); // ready, and "For you" is about to generate
    setGeneration(store, { job: { state: 'running', progress: null } });
    setGeneration(store, { batch });
    expect(await settled(moment)).toBe(false); // the batch is there but its job is still running
    setGeneration(store, { job: { state: 'idle' } });
    expect(await settled(moment)).toBe(true);
  });

  it('a first batch before the quiet time is enough', async () => {
    const store = makeTestStore();
    const moment = precacheMoment(store, 60_000);
    setGeneration(store, { models: { state: 'ready' }, batch });
    expect(await settled(moment)).toBe(true);
  });

  it('a visitor who only rates gets it after the quiet time', async () => {
    const store = makeTestStore();
    const moment = precacheMoment(store, 1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(await settled(moment)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(moment)).toBe(true);
  });

  it('a failed load does not hold it back', async () => {
    const store = makeTestStore();
    store.getState().setTab('for-you');
    const moment = precacheMoment(store, 1000);
    setGeneration(store, { models: { state: 'loading', progress: { stage: 'download', loaded: 0, total: null } } });
    await vi.advanceTimersByTimeAsync(2000);
    expect(await settled(moment)).toBe(false);
    setGeneration(store, { models: { state: 'failed', message: 'no network' } });
    expect(await settled(moment)).toBe(true);
  });
});

describe('modelWorkPending', () => {
  it('is false on a page that has not asked for models', () => {
    expect(modelWorkPending(makeTestStore().getState())).toBe(false);
  });
});
