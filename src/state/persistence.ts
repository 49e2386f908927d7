import type { Rating } from '../engine/ratings-file.ts';
import type { Language } from '../i18n/translate.ts';
import type { AsyncStorage } from './async-storage.ts';

export interface Profile {
  id: string;
  name: string;
  createdAt: string;
  /** Seed of this profile's deck order, so each visitor sees a different, stable order. */
  seed: number;
}

export interface ProfileIndex {
  profiles: Profile[];
  activeId: string;
}

export interface Settings {
  language: Language;
}

// Versioned keys: a later layout change adds new keys instead of reinterpreting old ones.
const KEYS = {
  settings: 'v1/settings',
  profiles: 'v1/profiles',
  ratings: (profileId: string) => `v1/ratings/${profileId}`,
};

/** The one module that knows how app data is laid out in storage. */
export interface Persistence {
  loadSettings(): Promise<Settings | undefined>;
  saveSettings(settings: Settings): Promise<void>;
  loadProfiles(): Promise<ProfileIndex | undefined>;
  saveProfiles(index: ProfileIndex): Promise<void>;
  loadRatings(profileId: string): Promise<Rating[]>;
  saveRatings(profileId: string, ratings: readonly Rating[]): Promise<void>;
  deleteRatings(profileId: string): Promise<void>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function createPersistence(storage: AsyncStorage): Persistence {
  return {
    async loadSettings() {
      const v = await storage.get(KEYS.settings);
      return isObject(v) && (v.language === 'en' || v.language === 'ja') ? { language: v.language } : undefined;
    },
    saveSettings: (settings) => storage.set(KEYS.settings, settings),
    async loadProfiles() {
      const v = await storage.get(KEYS.profiles);
      if (!isObject(v) || !Array.isArray(v.profiles) || typeof v.activeId !== 'string') return undefined;
      return v as unknown as ProfileIndex;
    },
    saveProfiles: (index) => storage.set(KEYS.profiles, index),
    async loadRatings(profileId) {
      const v = await storage.get(KEYS.ratings(profileId));
      return Array.isArray(v) ? (v as Rating[]) : [];
    },
    saveRatings: (profileId, ratings) => storage.set(KEYS.ratings(profileId), ratings),
    deleteRatings: (profileId) => storage.del(KEYS.ratings(profileId)),
  };
}
