import type { StateCreator } from 'zustand/vanilla';
import { buildRatingsFile, type Rating } from '../engine/ratings-file.ts';
import { withoutItem, withoutLast, withRating } from '../engine/rating-list.ts';
import { errorText } from './error-text.ts';
import type { AppState, RatingsSlice, StoreDeps } from './store-types.ts';

export const createRatingsSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], RatingsSlice> =>
  (set, get) => {
    /**
     * Queues a change of the active profile's ratings: it is applied to the stored list (which
     * may hold ratings another tab just wrote), and the stored result goes into state only once
     * it is written — the acknowledgement the counters show.
     */
    const change = (update: (list: Rating[]) => Rating[], item?: string) =>
      deps.queue.run(async () => {
        const { activeId } = get();
        try {
          const next = await deps.persistence.updateRatings(activeId, update);
          set({ ratings: next });
          deps.announce('ratings');
        } catch (e) {
          set({ storageError: errorText(e) });
        } finally {
          if (item !== undefined) set({ pending: get().pending.filter((p) => p !== item) });
        }
      });

    return {
      ratings: [],
      pending: [],
      rate: (item, rating) => {
        if (get().pending.includes(item)) return Promise.resolve();
        set({ pending: [...get().pending, item] });
        return change((list) => withRating(list, item, rating, deps.now().toISOString()), item);
      },
      unrate: (item) => {
        if (get().pending.includes(item)) return Promise.resolve();
        set({ pending: [...get().pending, item] });
        return change((list) => withoutItem(list, item), item);
      },
      removeRatings: (items) => {
        const gone = new Set(items);
        return change((list) => list.filter((r) => !gone.has(r.item)));
      },
      undo: () => change(withoutLast),
      resetRatings: () => change(() => []),
      exportActive: () => {
        const { profiles, activeId, ratings } = get();
        const name = profiles.find((p) => p.id === activeId)?.name ?? 'profile';
        return buildRatingsFile(name, ratings);
      },
    };
  };
