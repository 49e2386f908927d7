import { useEffect } from 'react';
import { countRatings } from '../engine/rating-list.ts';
import { useApp } from '../state/app-store.ts';
import { MIN_LIKES } from '../state/generation-slice.ts';
import type { AppState } from '../state/store-types.ts';

/** Likes at which loading starts: two short of "For you", so it is ready when the visitor gets there. */
export const PRELOAD_LIKES = MIN_LIKES - 2;

/**
 * For a visitor whose stored ratings already hold PRELOAD_LIKES likes: starts the load's work in
 * the worker — model download, runtime start-up, sessions, warm-up — as soon as those ratings are
 * read, without waiting for catalog.json (which the load itself needs) or an idle moment of the
 * shell. Why: in a trace of
 * a returning visitor's cold open, the worker started about 800 ms after navigation while the
 * page's first second left most of the second core idle.
 */
export function prepareForReturningVisitor(state: Pick<AppState, 'ratings' | 'prepareModels'>): void {
  if (countRatings(state.ratings).like >= PRELOAD_LIKES) state.prepareModels();
}

/**
 * Starts loading the models (download, compile, warm-up, in the worker) once the visitor is on
 * their way to "For you" — PRELOAD_LIKES likes, or at once for a returning visitor who has them —
 * instead of on the first visit to that view: the first image no longer waits for the click and
 * the whole load. Not earlier: every tab runs its own worker, and a tab that never generates
 * (a second tab, a visitor who only rates) should not spend seconds of CPU on a 2-core machine.
 * The idle callback keeps the request out of the frames that show the catalog.
 */
export function usePreloadModels(): void {
  const ready = useApp((s) => s.catalog !== null && countRatings(s.ratings).like >= PRELOAD_LIKES);
  const ensureModels = useApp((s) => s.ensureModels);
  useEffect(() => {
    if (!ready) return;
    const start = () => void ensureModels();
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(start, { timeout: 500 });
      return () => cancelIdleCallback(handle);
    }
    const handle = setTimeout(start, 0);
    return () => clearTimeout(handle);
  }, [ready, ensureModels]);
}
