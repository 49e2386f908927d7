import { isIsoDateTime } from '../engine/iso-date.ts';
import { GENERATED_PREFIX, MAX_EMBEDDING_LENGTH, MAX_PROFILE_NAME, MAX_SPACE_LENGTH, type Rating } from '../engine/ratings-file.ts';
import type { Language } from '../i18n/translate.ts';

/**
 * Checks what comes out of storage before the app uses it. Stored data can be damaged (a
 * browser bug, a disk error, a hand edit in devtools) or written by another version of the
 * app; each function keeps every record that is sound and names what it dropped.
 */

/** The layout version this app writes (the `v1/` keys) and reads. */
export const SCHEMA_VERSION = 1;

export interface Profile {
  id: string;
  name: string;
  createdAt: string;
  /** Seed of this profile's deck order, so each visitor sees a different, stable order. */
  seed: number;
}

export interface ProfileIndex {
  profiles: Profile[];
  /** The profile a new page opens with (the last one chosen in any tab). */
  activeId: string;
}

export interface Settings {
  language?: Language;
  kiosk: boolean;
  /** Minutes without input after which kiosk mode starts a new visitor; null = never. */
  idleMinutes: number | null;
}

export const DEFAULT_SETTINGS: Settings = { kiosk: false, idleMinutes: null };
export const IDLE_MINUTES_RANGE = { min: 1, max: 240 } as const;

/** A sanitised value and one English sentence per thing that had to be dropped or reset. */
export interface Checked<T> {
  value: T;
  problems: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 30 ? v.slice(0, 30) + '…' : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/** The stored schema marker: absent (first run) and SCHEMA_VERSION are fine, anything else is not. */
export function checkSchema(raw: unknown): Checked<boolean> {
  if (raw === undefined) return { value: true, problems: [] };
  if (isObject(raw) && raw.version === SCHEMA_VERSION) return { value: true, problems: [] };
  const version = isObject(raw) ? describe(raw.version) : describe(raw);
  return {
    value: false,
    problems: [`The stored data is marked with an unknown version (${version}); this app reads version ${SCHEMA_VERSION}. Records it can read were kept.`],
  };
}

export function sanitizeSettings(raw: unknown): Checked<Settings> {
  if (raw === undefined) return { value: { ...DEFAULT_SETTINGS }, problems: [] };
  if (!isObject(raw)) return { value: { ...DEFAULT_SETTINGS }, problems: [`Settings were unreadable (${describe(raw)}) and were reset.`] };
  const problems: string[] = [];
  const value: Settings = { ...DEFAULT_SETTINGS };
  if (raw.language === 'en' || raw.language === 'ja') value.language = raw.language;
  else if (raw.language !== undefined) problems.push(`The stored language ${describe(raw.language)} is unknown; the browser's language is used.`);
  if (typeof raw.kiosk === 'boolean') value.kiosk = raw.kiosk;
  else if (raw.kiosk !== undefined) problems.push(`The kiosk setting ${describe(raw.kiosk)} is unreadable; kiosk mode is off.`);
  if (isIdleMinutes(raw.idleMinutes)) value.idleMinutes = raw.idleMinutes;
  else if (raw.idleMinutes !== undefined && raw.idleMinutes !== null) {
    problems.push(`The idle time ${describe(raw.idleMinutes)} is unreadable; automatic reset is off.`);
  }
  return { value, problems };
}

export function isIdleMinutes(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= IDLE_MINUTES_RANGE.min && v <= IDLE_MINUTES_RANGE.max;
}

function checkProfile(p: unknown): Profile | string {
  if (!isObject(p)) return `is ${describe(p)}`;
  if (typeof p.id !== 'string' || p.id === '' || p.id.length > 200) return `has a bad id (${describe(p.id)})`;
  if (typeof p.name !== 'string' || p.name.trim() === '' || p.name.length > MAX_PROFILE_NAME) return `has a bad name (${describe(p.name)})`;
  if (typeof p.createdAt !== 'string' || !isIsoDateTime(p.createdAt)) return `has a bad creation date (${describe(p.createdAt)})`;
  if (typeof p.seed !== 'number' || !Number.isInteger(p.seed) || p.seed < 0 || p.seed > 0xffffffff) return `has a bad seed (${describe(p.seed)})`;
  return { id: p.id, name: p.name, createdAt: p.createdAt, seed: p.seed };
}

/** The profile list: sound profiles are kept, a damaged index yields `undefined`. */
export function sanitizeProfileIndex(raw: unknown): Checked<ProfileIndex | undefined> {
  if (raw === undefined) return { value: undefined, problems: [] };
  if (!isObject(raw) || !Array.isArray(raw.profiles)) {
    return { value: undefined, problems: [`The profile list was unreadable (${describe(raw)}).`] };
  }
  const problems: string[] = [];
  const profiles: Profile[] = [];
  const ids = new Set<string>();
  raw.profiles.forEach((p, i) => {
    const checked = checkProfile(p);
    if (typeof checked === 'string') problems.push(`Profile ${i + 1} ${checked} and was dropped.`);
    else if (ids.has(checked.id)) problems.push(`Profile ${i + 1} repeats the id of another profile and was dropped.`);
    else {
      ids.add(checked.id);
      profiles.push(checked);
    }
  });
  const activeId = typeof raw.activeId === 'string' && ids.has(raw.activeId) ? raw.activeId : (profiles[0]?.id ?? '');
  return { value: { profiles, activeId }, problems };
}

function checkRating(r: unknown): Rating | string {
  if (!isObject(r)) return `is ${describe(r)}`;
  if (typeof r.item !== 'string' || r.item === '' || r.item.length > 200) return `has a bad item (${describe(r.item)})`;
  if (r.rating !== 'like' && r.rating !== 'dislike') return `has a bad value (${describe(r.rating)})`;
  if (typeof r.at !== 'string' || !isIsoDateTime(r.at)) return `has a bad date (${describe(r.at)})`;
  const rating: Rating = { item: r.item, rating: r.rating, at: r.at };
  const e = r.embedding;
  if (e !== undefined) {
    const fine = Array.isArray(e) && e.length > 0 && e.length <= MAX_EMBEDDING_LENGTH && e.every((x) => typeof x === 'number' && Number.isFinite(x));
    if (!fine) return 'has a bad embedding';
    rating.embedding = e as number[];
    if (r.space !== undefined) {
      if (typeof r.space !== 'string' || r.space === '' || r.space.length > MAX_SPACE_LENGTH) return `has a bad embedding space (${describe(r.space)})`;
      rating.space = r.space;
    }
  } else if (r.item.startsWith(GENERATED_PREFIX)) return 'is a generated item without its embedding';
  return rating;
}

/**
 * A profile's ratings, oldest first. Unreadable records are dropped; an item rated twice
 * keeps its later rating (the list is in the order the visitor acted).
 */
export function sanitizeRatings(raw: unknown): Checked<Rating[]> {
  if (raw === undefined) return { value: [], problems: [] };
  if (!Array.isArray(raw)) return { value: [], problems: [`The ratings were unreadable (${describe(raw)}).`] };
  const problems: string[] = [];
  const kept: Rating[] = [];
  raw.forEach((r, i) => {
    const checked = checkRating(r);
    if (typeof checked === 'string') problems.push(`Rating ${i + 1} ${checked} and was dropped.`);
    else kept.push(checked);
  });
  const last = new Map(kept.map((r, i) => [r.item, i]));
  const value = kept.filter((r, i) => last.get(r.item) === i);
  if (value.length < kept.length) problems.push(`${kept.length - value.length} repeated rating(s) were merged into the latest one.`);
  return { value, problems };
}
