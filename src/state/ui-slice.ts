import type { StateCreator } from 'zustand/vanilla';
import type { AppState, StoreDeps, UiSlice } from './store-types.ts';
import { errorText } from './error-text.ts';

export const createUiSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], UiSlice> =>
  (set, get) => ({
    language: 'en',
    tab: 'deck',
    skipped: [],
    storageError: null,
    setLanguage: (language) =>
      deps.queue.run(async () => {
        try {
          await deps.persistence.saveSettings({ language });
          set({ language });
        } catch (e) {
          set({ storageError: errorText(e) });
        }
      }),
    setTab: (tab) => set({ tab }),
    skip: (item) => {
      if (!get().skipped.includes(item)) set({ skipped: [...get().skipped, item] });
    },
    clearSkipped: () => set({ skipped: [] }),
    clearStorageError: () => set({ storageError: null }),
  });
