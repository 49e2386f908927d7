import type { Rating } from '../engine/ratings-file.ts';
import type { AsyncStorage } from './async-storage.ts';
import type { ProbedStorage, StorageStatus } from './fallback-storage.ts';
import {
  checkSchema,
  sanitizeProfileIndex,
  sanitizeRatings,
  sanitizeSettings,
  SCHEMA_VERSION,
  type Checked,
  type ProfileIndex,
  type Settings,
} from './stored-records.ts';

// Versioned keys: a later layout change adds new keys instead of reinterpreting old ones.
const KEYS = {
  schema: 'schema',
  settings: 'v1/settings',
  profiles: 'v1/profiles',
  ratingsPrefix: 'v1/ratings/',
  ratings: (profileId: string) => `v1/ratings/${profileId}`,
  // Damaged values are moved aside, never deleted: nothing is lost that could still be rescued.
  quarantine: (key: string, at: Date) => `quarantine/${at.toISOString()}/${key}`,
};

/** The key the storage probe reads: cheap, and present once the app has run. */
export const PROBE_KEY = KEYS.schema;

/**
 * The one module that knows how app data is laid out in storage. Everything read is checked
 * (stored-records.ts); changes to shared lists are read-modify-write in one transaction, so
 * two tabs writing at once both keep their changes.
 */
export interface Persistence {
  status(): Promise<StorageStatus>;
  /** Problems with the stored layout version; marks a fresh store with this version. */
  checkSchema(): Promise<string[]>;
  loadSettings(): Promise<Checked<Settings>>;
  saveSettings(settings: Settings): Promise<void>;
  /** `orphans`: ids with stored ratings but no profile, listed only when the index was damaged. */
  loadProfiles(): Promise<Checked<ProfileIndex | undefined> & { orphans: string[] }>;
  updateProfiles(update: (current: ProfileIndex | undefined) => ProfileIndex): Promise<ProfileIndex>;
  loadRatings(profileId: string): Promise<Checked<Rating[]>>;
  /** Applies `update` to the stored list (not to a copy this tab holds) and returns the result. */
  updateRatings(profileId: string, update: (current: Rating[]) => Rating[]): Promise<Rating[]>;
  saveRatings(profileId: string, ratings: readonly Rating[]): Promise<void>;
  deleteRatings(profileId: string): Promise<void>;
}

export function createPersistence(storage: AsyncStorage | ProbedStorage, now: () => Date = () => new Date()): Persistence {
  const quarantine = (key: string, raw: unknown) => storage.set(KEYS.quarantine(key, now()), raw);

  return {
    status: async () => ('status' in storage ? storage.status() : { mode: 'indexeddb' }),

    async checkSchema() {
      const raw = await storage.get(KEYS.schema);
      if (raw === undefined) await storage.set(KEYS.schema, { version: SCHEMA_VERSION });
      // An unknown marker is left as it is: it belongs to whichever version wrote it.
      return checkSchema(raw).problems;
    },

    async loadSettings() {
      const raw = await storage.get(KEYS.settings);
      const checked = sanitizeSettings(raw);
      if (checked.problems.length > 0) {
        await quarantine(KEYS.settings, raw);
        await storage.set(KEYS.settings, checked.value);
      }
      return checked;
    },
    saveSettings: (settings) => storage.set(KEYS.settings, settings),

    async loadProfiles() {
      const raw = await storage.get(KEYS.profiles);
      const checked = sanitizeProfileIndex(raw);
      if (checked.problems.length === 0) return { ...checked, orphans: [] };
      await quarantine(KEYS.profiles, raw);
      const listed = new Set(checked.value?.profiles.map((p) => p.id));
      const orphans = (await storage.keys())
        .filter((k) => k.startsWith(KEYS.ratingsPrefix))
        .map((k) => k.slice(KEYS.ratingsPrefix.length))
        .filter((id) => id !== '' && !listed.has(id))
        .sort();
      return { ...checked, orphans };
    },
    async updateProfiles(update) {
      let result: ProfileIndex | undefined;
      await storage.update(KEYS.profiles, (raw) => (result = update(sanitizeProfileIndex(raw).value)));
      return result!;
    },

    async loadRatings(profileId) {
      const key = KEYS.ratings(profileId);
      const raw = await storage.get(key);
      const checked = sanitizeRatings(raw);
      if (checked.problems.length > 0) {
        await quarantine(key, raw);
        // Re-checks what is stored now, in case another tab wrote since the read above.
        await storage.update(key, (current) => sanitizeRatings(current).value);
      }
      return checked;
    },
    async updateRatings(profileId, update) {
      let result: Rating[] = [];
      await storage.update(KEYS.ratings(profileId), (raw) => (result = update(sanitizeRatings(raw).value)));
      return result;
    },
    saveRatings: (profileId, ratings) => storage.set(KEYS.ratings(profileId), ratings),
    deleteRatings: (profileId) => storage.del(KEYS.ratings(profileId)),
  };
}
