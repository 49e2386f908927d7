import type { StateCreator } from 'zustand/vanilla';
import type { AppState, StoreDeps, UiSlice } from './store-types.ts';
import { errorText } from './error-text.ts';
import { isIdleMinutes, type Settings } from './stored-records.ts';

export const createUiSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], UiSlice> =>
  (set, get) => {
    /**
     * Shows a settings change at once (a switch must follow the finger, unlike a rating, which
     * is shown only once stored), stores it, and takes it back if storing fails.
     */
    const saveSettings = (change: Partial<Settings>) => {
      const before = { language: get().language, kiosk: get().kiosk, idleMinutes: get().idleMinutes };
      set(change);
      return deps.queue.run(async () => {
        const { language, kiosk, idleMinutes } = get();
        try {
          await deps.persistence.saveSettings({ language, kiosk, idleMinutes });
          deps.announce('settings');
        } catch (e) {
          set({ ...before, storageError: errorText(e) });
        }
      });
    };

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
