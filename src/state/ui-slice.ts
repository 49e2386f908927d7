import type { StateCreator } from 'zustand/vanilla';
import type { AppState, StoreDeps, UiSlice } from './store-types.ts';
import { errorText } from './error-text.ts';
import { isIdleMinutes, type Settings } from './stored-records.ts';

export const createUiSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], UiSlice> =>
  (set, get) => {
    /** Stores the settings with `change` applied, then shows them. */
    const saveSettings = (change: Partial<Settings>) =>
      deps.queue.run(async () => {
        const { language, kiosk, idleMinutes } = get();
        try {
          await deps.persistence.saveSettings({ language, kiosk, idleMinutes, ...change });
          set(change);
          deps.announce('settings');
        } catch (e) {
          set({ storageError: errorText(e) });
        }
      });

    return {
      language: 'en',
      kiosk: false,
      idleMinutes: null,
      tab: 'deck',
      skipped: [],
      importOutcome: null,
      visitorEpoch: 0,
      storageMode: 'unknown',
      storageFailure: null,
      storageError: null,
      dataProblems: [],
      offline: 'unsupported',
      updateWaiting: false,
      setLanguage: (language) => saveSettings({ language }),
      setKiosk: (kiosk) => saveSettings({ kiosk }),
      setIdleMinutes: (minutes) => saveSettings({ idleMinutes: isIdleMinutes(minutes) ? minutes : null }),
      setTab: (tab) => set({ tab, importOutcome: null }),
      skip: (item) => {
        if (!get().skipped.includes(item)) set({ skipped: [...get().skipped, item] });
      },
      clearSkipped: () => set({ skipped: [] }),
      setImportOutcome: (importOutcome) => set({ importOutcome }),
      resetVisitorUi: () =>
        set({ tab: 'deck', skipped: [], importOutcome: null, storageError: null, visitorEpoch: get().visitorEpoch + 1 }),
      clearStorageError: () => set({ storageError: null }),
      clearDataProblems: () => set({ dataProblems: [] }),
      setOffline: (offline) => set({ offline }),
      setUpdateWaiting: (updateWaiting) => set({ updateWaiting }),
    };
  };
