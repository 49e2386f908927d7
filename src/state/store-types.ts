import type { Catalog } from '../engine/catalog.ts';
import type { Rating, RatingsFile, RatingValue } from '../engine/ratings-file.ts';
import type { Language } from '../i18n/translate.ts';
import type { StorageMode } from './fallback-storage.ts';
import type { GenerationSlice } from './generation-slice.ts';
import type { Persistence } from './persistence.ts';
import type { SerialQueue } from './serial-queue.ts';
import type { Profile } from './stored-records.ts';

/** What a tab tells the others after it wrote (tab-sync.ts carries it). */
export type StorageChange = 'settings' | 'profiles' | 'ratings';

/** What the store needs from the outside world; tests pass fakes. */
export interface StoreDeps {
  persistence: Persistence;
  queue: SerialQueue;
  now: () => Date;
  newId: () => string;
  newSeed: () => number;
  /** Tells other tabs that stored data changed, so they re-read it. */
  announce: (change: StorageChange) => void;
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
  /**
   * Re-reads settings, profiles and the active profile's ratings (another tab wrote). This tab
   * keeps its active profile while it exists.
   */
  refresh(): Promise<void>;
}

export interface RatingsSlice {
  /** Ratings of the active profile, acknowledged (already stored), oldest first. */
  ratings: Rating[];
  /** Items whose rating is being written and is not acknowledged yet. */
  pending: string[];
  rate(item: string, rating: RatingValue): Promise<void>;
  unrate(item: string): Promise<void>;
  /** Removes every rating of these items at once (one write): the ratings the loaded models leave out. */
  removeRatings(items: readonly string[]): Promise<void>;
  undo(): Promise<void>;
  resetRatings(): Promise<void>;
  exportActive(): RatingsFile;
}

export type Tab = 'deck' | 'grid' | 'for-you' | 'taste-map' | 'profiles' | 'settings' | 'about';

/** The outcome of the last import, shown until the visitor leaves. */
export type ImportOutcome = { ok: true; name: string; count: number } | { ok: false; errors: string[] } | null;

export interface UiSlice {
  language: Language;
  kiosk: boolean;
  /** Kiosk mode starts a new visitor after this many idle minutes; null = never. */
  idleMinutes: number | null;
  tab: Tab;
  /** Items skipped in the deck this session (not stored). */
  skipped: string[];
  importOutcome: ImportOutcome;
  /**
   * Counts visitor changes. Views keyed on it start from scratch for the next visitor, so
   * nothing held in component state (a chosen category, generated images) carries over.
   */
  visitorEpoch: number;
  /** 'memory' when IndexedDB could not be opened: nothing survives this page. */
  storageMode: StorageMode | 'unknown';
  storageFailure: string | null;
  storageError: string | null;
  /** What was wrong with stored data at load (dropped or reset records). */
  dataProblems: string[];
  /** The service worker: whether the demo is stored for offline use, and an update waits. */
  offline: 'unsupported' | 'installing' | 'ready';
  updateWaiting: boolean;
  setLanguage(language: Language): Promise<void>;
  setKiosk(kiosk: boolean): Promise<void>;
  setIdleMinutes(minutes: number | null): Promise<void>;
  setTab(tab: Tab): void;
  skip(item: string): void;
  clearSkipped(): void;
  setImportOutcome(outcome: ImportOutcome): void;
  /** Clears everything on screen that belongs to the current visitor (not stored data). */
  resetVisitorUi(): void;
  clearStorageError(): void;
  clearDataProblems(): void;
  setOffline(offline: UiSlice['offline']): void;
  setUpdateWaiting(waiting: boolean): void;
}

export type AppState = CatalogSlice & ProfilesSlice & RatingsSlice & UiSlice & GenerationSlice;
