import type { StateCreator } from 'zustand/vanilla';
import { cleanProfileName, nextVisitorName, uniqueProfileName } from '../engine/profile-names.ts';
import type { Rating } from '../engine/ratings-file.ts';
import { validateRatingsText } from '../engine/validate-ratings-file.ts';
import { translate } from '../i18n/translate.ts';
import { errorText } from './error-text.ts';
import type { Profile, ProfileIndex } from './stored-records.ts';
import type { AppState, ProfilesSlice, StoreDeps } from './store-types.ts';

const sameRatings = (a: readonly Rating[], b: readonly Rating[]) =>
  a.length === b.length && a.every((r, i) => r.item === b[i].item && r.rating === b[i].rating && r.at === b[i].at);
const sameProfiles = (a: readonly Profile[], b: readonly Profile[]) => JSON.stringify(a) === JSON.stringify(b);

export const createProfilesSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], ProfilesSlice> =>
  (set, get) => {
    const { persistence, queue } = deps;
    let refreshQueued = false;

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

    /**
     * Changes the stored profile list (as stored now, with other tabs' changes) and shows the
     * result with `activeId`, or with this tab's active profile when `activeId` is omitted.
     */
    const commit = async (update: (index: ProfileIndex) => ProfileIndex, activeId?: string) => {
      const index = await persistence.updateProfiles((current) => update(current ?? { profiles: [], activeId: '' }));
      const own = activeId ?? get().activeId;
      const active = index.profiles.some((p) => p.id === own) ? own : index.activeId;
      await show(index.profiles, active);
      deps.announce('profiles');
    };

    /** Puts a profile list into state with `activeId` active and, on a switch, its stored ratings. */
    const show = async (profiles: Profile[], activeId: string) => {
      const switched = activeId !== get().activeId;
      if (!switched) {
        if (!sameProfiles(profiles, get().profiles)) set({ profiles });
        return;
      }
      const loaded = await persistence.loadRatings(activeId);
      set({ profiles, activeId, ratings: loaded.value, skipped: [], ...problems(loaded.problems) });
    };
    const problems = (found: string[]) => (found.length > 0 ? { dataProblems: [...get().dataProblems, ...found] } : {});

    const addAndSwitch = (profile: Profile) =>
      commit((index) => ({ profiles: [...index.profiles, profile], activeId: profile.id }), profile.id);

    return {
      hydrated: false,
      profiles: [],
      activeId: '',

      hydrate: (defaultLanguage) =>
        queue.run(async () => {
          const status = await persistence.status();
          set({ storageMode: status.mode, storageFailure: status.reason ?? null });
          try {
            const found = await persistence.checkSchema();
            const settings = await persistence.loadSettings();
            found.push(...settings.problems);
            set({ language: settings.value.language ?? defaultLanguage, kiosk: settings.value.kiosk, idleMinutes: settings.value.idleMinutes });

            const loaded = await persistence.loadProfiles();
            found.push(...loaded.problems);
            // Ratings whose profile entry was lost get a profile again, so none are hidden.
            const recovered: Profile[] = [];
            for (const id of loaded.orphans) {
              const names = [...(loaded.value?.profiles ?? []), ...recovered].map((p) => p.name);
              recovered.push({ ...makeProfile(nextVisitorName(translate(get().language, 'recoveredPrefix'), names)), id });
            }
            if (recovered.length > 0) found.push(`${recovered.length} profile(s) were restored from ratings that had lost their profile entry.`);
            const first = makeProfile(visitorName([]));
            // One transaction: two tabs opening on an empty store agree on one first profile.
            const index = await persistence.updateProfiles((current) => {
              const profiles = [...(current?.profiles ?? [])];
              for (const r of recovered) if (!profiles.some((p) => p.id === r.id)) profiles.push(r);
              if (profiles.length === 0) profiles.push(first);
              const activeId = profiles.some((p) => p.id === current?.activeId) ? current!.activeId : profiles[0].id;
              return { profiles, activeId };
            });
            const ratings = await persistence.loadRatings(index.activeId);
            found.push(...ratings.problems);
            set({ profiles: index.profiles, activeId: index.activeId, ratings: ratings.value, hydrated: true, dataProblems: found });
          } catch (e) {
            // Still show the app (ratings will not persist) rather than hang on "loading".
            const first = makeProfile(visitorName());
            set({ profiles: [first], activeId: first.id, ratings: [], hydrated: true, storageError: errorText(e) });
          }
        }),

      refresh: () => {
        // Bursts of messages (a fast rater in another tab) need only one re-read.
        if (refreshQueued) return Promise.resolve();
        refreshQueued = true;
        return queue.run(async () => {
          refreshQueued = false;
          // Queued behind hydrate, so a change announced while this tab was still loading is
          // read here rather than missed.
          if (!get().hydrated) return;
          try {
            const settings = await persistence.loadSettings();
            const { language, kiosk, idleMinutes } = settings.value;
            if (language && language !== get().language) set({ language });
            if (kiosk !== get().kiosk || idleMinutes !== get().idleMinutes) set({ kiosk, idleMinutes });
            const loaded = await persistence.loadProfiles();
            const index = loaded.value;
            if (!index || index.profiles.length === 0) return;
            const own = get().activeId;
            const activeId = index.profiles.some((p) => p.id === own) ? own : index.activeId;
            await show(index.profiles, activeId);
            if (activeId !== own) return;
            const ratings = await persistence.loadRatings(activeId);
            if (!sameRatings(ratings.value, get().ratings)) set({ ratings: ratings.value });
            set(problems([...settings.problems, ...loaded.problems, ...ratings.problems]));
          } catch (e) {
            set({ storageError: errorText(e) });
          }
        });
      },

      createProfile: (name) =>
        guarded(async () => {
          const clean = cleanProfileName(name);
          if (!clean) return;
          await addAndSwitch(makeProfile(uniqueProfileName(clean, get().profiles.map((p) => p.name))));
        }),

      newVisitor: async () => {
        await guarded(() => addAndSwitch(makeProfile(visitorName())));
        get().resetVisitorUi();
      },

      renameProfile: (id, name) =>
        guarded(async () => {
          const clean = cleanProfileName(name);
          if (!clean) return;
          await commit((index) => ({ ...index, profiles: index.profiles.map((p) => (p.id === id ? { ...p, name: clean } : p)) }));
        }),

      switchProfile: (id) =>
        guarded(async () => {
          if (id === get().activeId || !get().profiles.some((p) => p.id === id)) return;
          await commit((index) => (index.profiles.some((p) => p.id === id) ? { ...index, activeId: id } : index), id);
        }),

      deleteProfile: (id) =>
        guarded(async () => {
          if (!get().profiles.some((p) => p.id === id)) return;
          const replacement = makeProfile(visitorName([]));
          // Index first: if that write fails, the profile and its ratings are still intact.
          await commit((index) => {
            let profiles = index.profiles.filter((p) => p.id !== id);
            if (profiles.length === 0) profiles = [replacement];
            const activeId = profiles.some((p) => p.id === index.activeId) ? index.activeId : profiles[0].id;
            return { profiles, activeId };
          });
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
