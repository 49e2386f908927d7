import { isIsoDateTime } from './iso-date.ts';
import {
  GENERATED_PREFIX,
  MAX_EMBEDDING_LENGTH,
  MAX_SPACE_LENGTH,
  MAX_FILE_BYTES,
  MAX_PROFILE_NAME,
  MAX_RATINGS,
  RATINGS_FORMAT,
  RATINGS_VERSION,
  type Rating,
  type RatingsFile,
} from './ratings-file.ts';

/** Every way a ratings file can be refused; each has its own message. */
export type RatingsFileErrorCode =
  | 'empty'
  | 'too-large'
  | 'truncated-json'
  | 'invalid-json'
  | 'not-an-object'
  | 'missing-field'
  | 'unknown-field'
  | 'wrong-type'
  | 'wrong-format'
  | 'wrong-version'
  | 'empty-profile'
  | 'profile-too-long'
  | 'too-many-ratings'
  | 'rating-not-an-object'
  | 'unknown-item'
  | 'bad-rating-value'
  | 'bad-date'
  | 'duplicate-item'
  | 'missing-embedding'
  | 'bad-embedding'
  | 'bad-space';

export interface RatingsFileError {
  code: RatingsFileErrorCode;
  /** Human-readable English sentence naming what is wrong and where. */
  message: string;
}

export type ValidationResult = { ok: true; file: RatingsFile } | { ok: false; errors: RatingsFileError[] };

/** Anything that can answer "is this a catalog item id?" — a Set works. */
export interface KnownItems {
  has(id: string): boolean;
}

/** At most this many errors are listed; the rest are summarised in one line. */
export const MAX_LISTED_ERRORS = 20;

const TOP_LEVEL_FIELDS = ['format', 'version', 'profile', 'ratings'] as const;
const RATING_FIELDS = new Set(['item', 'rating', 'at', 'embedding', 'space']);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates the text of a ratings file. Either the whole file is accepted, or it is rejected
 * with every problem found (up to MAX_LISTED_ERRORS), each naming the field or entry at fault.
 * `known` holds catalog item ids; `generated:` ids are accepted only with a finite `embedding`.
 */
export function validateRatingsText(text: string, known: KnownItems): ValidationResult {
  // A UTF-8 byte is at most one UTF-16 unit, so short texts skip the byte count.
  if (text.length > MAX_FILE_BYTES / 3) {
    const tooLarge = sizeError(utf8Length(text));
    if (tooLarge) return { ok: false, errors: [tooLarge] };
  }
  if (text.trim() === '') return fail('empty', 'The file is empty.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    if (/end of (json )?(data|input)|unterminated|unexpected end/i.test(detail)) {
      return fail('truncated-json', 'The file ends too early — it looks truncated (incomplete JSON).');
    }
    return fail('invalid-json', `The file is not valid JSON: ${detail}`);
  }
  return validateRatingsValue(value, known);
}

/** Validates an already-parsed ratings file; see validateRatingsText. */
export function validateRatingsValue(value: unknown, known: KnownItems): ValidationResult {
  const errors: RatingsFileError[] = [];
  const add = (code: RatingsFileErrorCode, message: string) => errors.push({ code, message });

  if (!isObject(value)) {
    return fail('not-an-object', `The file must contain a JSON object at the top level, not ${describe(value)}.`);
  }
  // Another kind of file entirely: say so once instead of listing everything it lacks.
  if ('format' in value && value.format !== RATINGS_FORMAT) {
    return fail('wrong-format', `"format" must be "${RATINGS_FORMAT}", but it is ${describe(value.format)} — this is not a ratings file.`);
  }
  for (const field of TOP_LEVEL_FIELDS) {
    if (!(field in value)) add('missing-field', `The field "${field}" is missing.`);
  }
  for (const field of Object.keys(value)) {
    if (!(TOP_LEVEL_FIELDS as readonly string[]).includes(field)) add('unknown-field', `Unknown top-level field "${field}".`);
  }
  if ('version' in value && value.version !== RATINGS_VERSION) {
    add('wrong-version', `Unsupported version ${describe(value.version)}; this app reads version ${RATINGS_VERSION}.`);
  }
  if ('profile' in value) {
    if (typeof value.profile !== 'string') add('wrong-type', `"profile" must be a string, not ${describe(value.profile)}.`);
    else if (value.profile.trim() === '') add('empty-profile', 'The profile name is empty.');
    else if (value.profile.length > MAX_PROFILE_NAME) add('profile-too-long', `The profile name is longer than ${MAX_PROFILE_NAME} characters.`);
  }
  if ('ratings' in value) {
    if (!Array.isArray(value.ratings)) add('wrong-type', `"ratings" must be an array, not ${describe(value.ratings)}.`);
    else if (value.ratings.length > MAX_RATINGS) {
      add('too-many-ratings', `The file has ${value.ratings.length} ratings; the limit is ${MAX_RATINGS}.`);
    } else {
      checkRatings(value.ratings, known, add);
    }
  }
  if (errors.length > 0) return { ok: false, errors: capped(errors) };
  return { ok: true, file: value as unknown as RatingsFile };
}

function checkRatings(
  ratings: unknown[],
  known: KnownItems,
  add: (code: RatingsFileErrorCode, message: string) => void,
): void {
  const firstIndex = new Map<string, number>();
  for (let i = 0; i < ratings.length; i++) {
    const r = ratings[i];
    const at = `ratings[${i}]`;
    if (!isObject(r)) {
      add('rating-not-an-object', `${at} must be an object like {"item", "rating", "at"}, not ${describe(r)}.`);
      continue;
    }
    for (const field of ['item', 'rating', 'at']) {
      if (!(field in r)) add('missing-field', `${at} is missing the field "${field}".`);
    }
    for (const field of Object.keys(r)) {
      if (!RATING_FIELDS.has(field)) add('unknown-field', `${at} has an unknown field "${field}".`);
    }
    if ('item' in r) {
      if (typeof r.item !== 'string') add('wrong-type', `${at}.item must be a string, not ${describe(r.item)}.`);
      else checkItem(r as Partial<Rating> & { item: string }, at, known, add);
      if (typeof r.item === 'string') {
        const first = firstIndex.get(r.item);
        if (first !== undefined) add('duplicate-item', `${at}: item "${r.item}" is rated twice (also at ratings[${first}]).`);
        else firstIndex.set(r.item, i);
      }
    }
    if ('rating' in r && r.rating !== 'like' && r.rating !== 'dislike') {
      add('bad-rating-value', `${at}.rating must be "like" or "dislike", not ${describe(r.rating)}.`);
    }
    if ('at' in r) {
      if (typeof r.at !== 'string') add('wrong-type', `${at}.at must be a date string, not ${describe(r.at)}.`);
      else if (!isIsoDateTime(r.at)) add('bad-date', `${at}.at is not a valid ISO 8601 date-time (like 2026-11-30T17:00:00Z): ${describe(r.at)}.`);
    }
  }
}

function checkItem(
  r: Partial<Rating> & { item: string; embedding?: unknown; space?: unknown },
  at: string,
  known: KnownItems,
  add: (code: RatingsFileErrorCode, message: string) => void,
): void {
  const generated = r.item.startsWith(GENERATED_PREFIX) && r.item.length > GENERATED_PREFIX.length;
  if (!generated && !known.has(r.item)) add('unknown-item', `${at}: unknown item "${r.item}" — it is not in this catalog.`);
  if (generated && !('embedding' in r)) {
    add('missing-embedding', `${at}: generated item "${r.item}" needs an "embedding" array.`);
  }
  if ('embedding' in r) {
    const e = r.embedding;
    const fine = Array.isArray(e) && e.length > 0 && e.length <= MAX_EMBEDDING_LENGTH
      && e.every((x) => typeof x === 'number' && Number.isFinite(x));
    if (!fine) add('bad-embedding', `${at}.embedding must be a non-empty array of at most ${MAX_EMBEDDING_LENGTH} finite numbers.`);
  }
  if ('space' in r) {
    const v = r.space;
    if (!('embedding' in r)) add('bad-space', `${at}.space names the embedding space of a generated item's embedding; this rating has no embedding.`);
    else if (typeof v !== 'string' || v === '' || v.length > MAX_SPACE_LENGTH) add('bad-space', `${at}.space must be a non-empty string of at most ${MAX_SPACE_LENGTH} characters, not ${describe(v)}.`);
  }
}

/** The error for a file of `bytes` bytes, or null when it is within the limit. */
export function sizeError(bytes: number): RatingsFileError | null {
  if (bytes <= MAX_FILE_BYTES) return null;
  return { code: 'too-large', message: `The file is too large (${(bytes / 1e6).toFixed(1)} MB); the limit is ${MAX_FILE_BYTES / 1e6} MB.` };
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4; // a surrogate pair is one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function capped(errors: RatingsFileError[]): RatingsFileError[] {
  if (errors.length <= MAX_LISTED_ERRORS) return errors;
  const rest = errors.length - MAX_LISTED_ERRORS;
  return [
    ...errors.slice(0, MAX_LISTED_ERRORS),
    { code: errors[MAX_LISTED_ERRORS].code, message: `…and ${rest} more problem${rest === 1 ? '' : 's'}.` },
  ];
}

function fail(code: RatingsFileErrorCode, message: string): ValidationResult {
  return { ok: false, errors: [{ code, message }] };
}
