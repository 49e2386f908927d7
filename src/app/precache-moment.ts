import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../state/store-types.ts';

/**
 * The earliest a rating-only page registers the service worker: long enough after the shell
 * that a returning visitor's model load has begun (it starts at the shell, see
 * use-preload-models.ts) and is waited for instead of raced.
 */
export const QUIET_AFTER_MS = 4000;

/** Work in the page that the precache would slow down: loading the models, or a first batch still on its way. */
export function modelWorkPending(s: AppState): boolean {
  const g = s.generation;
  if (g.models.state === 'loading' || g.job.state === 'running') return true;
  // "For you" asked for a batch that has not come: ready models are about to generate.
  return s.tab === 'for-you' && g.batch === null && g.models.state !== 'failed' && g.job.state !== 'failed';
}

/**
 * Resolves when the service worker may install. Why wait: its precache fetches and stores
 * ~30 MB, and on a 2-core machine it ran beside the first model load and cost a returning
 * visitor's first image about 1 s (cold page open → first image 5.65 s with the service worker
 * registered at once, 4.57 s with it blocked; the bench's app step). So it waits for the first
 * batch, a failure, or — for a visitor who only rates — QUIET_AFTER_MS with no model work.
 */
export function precacheMoment(store: StoreApi<AppState>, quietAfterMs = QUIET_AFTER_MS): Promise<void> {
  return new Promise((resolve) => {
    let elapsed = false;
    const check = () => {
      const s = store.getState();
      const firstBatchDone = s.generation.batch !== null && s.generation.job.state !== 'running';
      if (!firstBatchDone && !(elapsed && !modelWorkPending(s))) return false;
      unsubscribe();
      clearTimeout(timer);
      resolve();
      return true;
    };
    const unsubscribe = store.subscribe(() => void check());
    const timer = setTimeout(() => {
      elapsed = true;
      check();
    }, quietAfterMs);
  });
}
