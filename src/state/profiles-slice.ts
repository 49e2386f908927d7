import type { StateCreator } from 'zustand/vanilla';
import { cleanProfileName, nextVisitorName, uniqueProfileName } from '../engine/profile-names.ts';
import { validateRatingsText } from '../engine/validate-ratings-file.ts';
import { translate } from '../i18n/translate.ts';
import { errorText } from './error-text.ts';
import type { Profile, ProfileIndex } from './persistence.ts';
import type { AppState, ProfilesSlice, StoreDeps } from './store-types.ts';

export const createProfilesSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], ProfilesSlice> =>
  (set, get) => {
    const { persistence, queue } = deps;

    const makeProfile = (name: string): Profile => ({
      id: deps.newId(),
      name,
      createdAt: deps.now().toISOString(),
      seed: deps.newSeed() >>> 0,
    });
    const visitorName = (existing: readonly Profile[] = get().profiles) =>
      nextVisitorName(translate(get().language, 'visitorPrefix'), existing.map((p) => p.name));

    /** Runs a storage task on the queue; a failure is reported and leaves state as it was. */
    const guarded = (task: () => Promise<void>) =>
      queue.run(async () => {
        try {
          await task();
        } catch (e) {
          set({ storageError: errorText(e) });
        }
      });

    /** Writes the index, then shows `activeId` with its stored ratings. */
    const commit = async (index: ProfileIndex) => {
      const ratings = index.activeId === get().activeId ? get().ratings : await persistence.loadRatings(index.activeId);
      await persistence.saveProfiles(index);
      const switched = index.activeId !== get().activeId;
      set({ profiles: index.profiles, activeId: index.activeId, ratings, ...(switched ? { skipped: [] } : {}) });
    };

    const addAndSwitch = async (profile: Profile) => {
      await commit({ profiles: [...get().profiles, profile], activeId: profile.id });
    };

    return {
      hydrated: false,
      profiles: [],
      activeId: '',

      hydrate: (defaultLanguage) =>
        queue.run(async () => {
          try {
            const settings = await persistence.loadSettings();
            set({ language: settings?.language ?? defaultLanguage });
            let index = await persistence.loadProfiles();
            if (!index || index.profiles.length === 0) {
              const first = makeProfile(visitorName());
              index = { profiles: [first], activeId: first.id };
              await persistence.saveProfiles(index);
            } else if (!index.profiles.some((p) => p.id === index!.activeId)) {
              index = { ...index, activeId: index.profiles[0].id };
            }
            const ratings = await persistence.loadRatings(index.activeId);
            set({ profiles: index.profiles, activeId: index.activeId, ratings, hydrated: true });
          } catch (e) {
            // Still show the app (ratings will not persist) rather than hang on "loading".
            const first = makeProfile(visitorName());
            set({ profiles: [first], activeId: first.id, ratings: [], hydrated: true, storageError: errorText(e) });
          }
        }),

      createProfile: (name) =>
        guarded(async () => {
          const clean = cleanProfileName(name);
          if (!clean) return;
          await addAndSwitch(makeProfile(uniqueProfileName(clean, get().profiles.map((p) => p.name))));
        }),

      newVisitor: () => guarded(() => addAndSwitch(makeProfile(visitorName()))),

      renameProfile: (id, name) =>
        guarded(async () => {
          const clean = cleanProfileName(name);
          if (!clean) return;
          const profiles = get().profiles.map((p) => (p.id === id ? { ...p, name: clean } : p));
          await commit({ profiles, activeId: get().activeId });
        }),

      switchProfile: (id) =>
        guarded(async () => {
          if (id === get().activeId || !get().profiles.some((p) => p.id === id)) return;
          await commit({ profiles: get().profiles, activeId: id });
        }),

      deleteProfile: (id) =>
        guarded(async () => {
          let profiles = get().profiles.filter((p) => p.id !== id);
          if (profiles.length === get().profiles.length) return;
          if (profiles.length === 0) profiles = [makeProfile(visitorName([]))];
          const activeId = id === get().activeId ? profiles[0].id : get().activeId;
          // Index first: if that write fails, the profile and its ratings are still intact.
          await commit({ profiles, activeId });
          await persistence.deleteRatings(id);
        }),

      importProfile: (text) =>
        queue.run(async () => {
          const result = validateRatingsText(text, get().knownIds);
          if (!result.ok) return result;
          const name = uniqueProfileName(result.file.profile.trim(), get().profiles.map((p) => p.name));
          const profile = makeProfile(name);
          try {
            // Ratings before the index: a failure leaves at most an unreferenced key behind.
            await persistence.saveRatings(profile.id, result.file.ratings);
            await addAndSwitch(profile);
          } catch (e) {
            return { ok: false as const, errors: [{ message: errorText(e) }] };
          }
          return { ok: true as const, profile, count: result.file.ratings.length };
        }),
    };
  };
