import type { StateCreator } from 'zustand/vanilla';
import { buildRatingsFile, type Rating } from '../engine/ratings-file.ts';
import { withoutItem, withoutLast, withRating } from '../engine/rating-list.ts';
import { errorText } from './error-text.ts';
import type { AppState, RatingsSlice, StoreDeps } from './store-types.ts';

export const createRatingsSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], RatingsSlice> =>
  (set, get) => {
    /**
     * Queues a change of the active profile's ratings: the new list is computed from the
     * acknowledged one when the task runs, written, and only then put into state.
     */
    const change = (update: (list: Rating[]) => Rating[], item?: string) =>
      deps.queue.run(async () => {
        const { activeId, ratings } = get();
        const next = update(ratings);
        const unchanged = next.length === ratings.length && next.every((r, i) => r === ratings[i]);
        try {
          if (!unchanged) await deps.persistence.saveRatings(activeId, next);
          set({ ratings: unchanged ? ratings : next });
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
      undo: () => change(withoutLast),
      resetRatings: () => change(() => []),
      exportActive: () => {
        const { profiles, activeId, ratings } = get();
        const name = profiles.find((p) => p.id === activeId)?.name ?? 'profile';
        return buildRatingsFile(name, ratings);
      },
    };
  };
