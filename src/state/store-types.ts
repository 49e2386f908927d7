import type { Catalog } from '../engine/catalog.ts';
import type { Rating, RatingsFile, RatingValue } from '../engine/ratings-file.ts';
import type { Language } from '../i18n/translate.ts';
import type { Persistence, Profile } from './persistence.ts';
import type { SerialQueue } from './serial-queue.ts';

/** What the store needs from the outside world; tests pass fakes. */
export interface StoreDeps {
  persistence: Persistence;
  queue: SerialQueue;
  now: () => Date;
  newId: () => string;
  newSeed: () => number;
}

export interface CatalogSlice {
  catalog: Catalog | null;
  /** Ids of all catalog items, for the ratings-file validator. */
  knownIds: ReadonlySet<string>;
  catalogError: string | null;
  setCatalog(catalog: Catalog): void;
  setCatalogError(message: string): void;
}

/** A refused import lists its problems (validator messages, or the storage failure). */
export type ImportResult = { ok: true; profile: Profile; count: number } | { ok: false; errors: { message: string }[] };

export interface ProfilesSlice {
  hydrated: boolean;
  profiles: Profile[];
  activeId: string;
  /** Loads settings, profiles and the active profile's ratings; creates a first profile if none. */
  hydrate(defaultLanguage: Language): Promise<void>;
  createProfile(name: string): Promise<void>;
  newVisitor(): Promise<void>;
  renameProfile(id: string, name: string): Promise<void>;
  switchProfile(id: string): Promise<void>;
  deleteProfile(id: string): Promise<void>;
  /** Validates the whole file first; only a valid file writes anything. */
  importProfile(text: string): Promise<ImportResult>;
}

export interface RatingsSlice {
  /** Ratings of the active profile, acknowledged (already stored), oldest first. */
  ratings: Rating[];
  /** Items whose rating is being written and is not acknowledged yet. */
  pending: string[];
  rate(item: string, rating: RatingValue): Promise<void>;
  unrate(item: string): Promise<void>;
  undo(): Promise<void>;
  resetRatings(): Promise<void>;
  exportActive(): RatingsFile;
}

export type Tab = 'deck' | 'grid' | 'for-you' | 'profiles' | 'about';

export interface UiSlice {
  language: Language;
  tab: Tab;
  /** Items skipped in the deck this session (not stored). */
  skipped: string[];
  storageError: string | null;
  setLanguage(language: Language): Promise<void>;
  setTab(tab: Tab): void;
  skip(item: string): void;
  clearSkipped(): void;
  clearStorageError(): void;
}

export type AppState = CatalogSlice & ProfilesSlice & RatingsSlice & UiSlice;
