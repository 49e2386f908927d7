import { mulberry32 } from './prng.ts';
import { MAX_FILE_BYTES, MAX_PROFILE_NAME, MAX_RATINGS, type RatingsFile } from './ratings-file.ts';

/** One malformed ratings file: what was done to a valid file, and the resulting text. */
export interface MalformedFile {
  mutation: string;
  text: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Mutation = (file: { [key: string]: Json }, pick: Picker) => string;

interface Picker {
  int(n: number): number;
  one<T>(items: readonly T[]): T;
}

// Values each field must never accept (the validator's contract, README "Ratings file").
const NOT_FORMAT: Json[] = [null, 1, true, [], {}, '', 'beyond-catalog.catalog', 'BEYOND-CATALOG.RATINGS', 'beyond-catalog.ratings '];
const NOT_VERSION: Json[] = [null, 0, 2, -1, 1.5, 99, '1', 'v1', true, [], {}];
const NOT_PROFILE: Json[] = [null, 0, 42, true, [], {}, '', '   ', '\t\n', 'x'.repeat(MAX_PROFILE_NAME + 1)];
const NOT_RATINGS: Json[] = [null, 0, 'like', true, {}, { 0: 'google:1f600' }];
const NOT_ITEM: Json[] = [null, 0, 1234, true, [], {}, '', 'google:', 'google:ffff', 'apple:1f600', '1f600', 'GOOGLE:1F600', 'generated:', 'google:1f600 '];
const NOT_RATING: Json[] = [null, 0, 1, 5, true, [], {}, '', 'Like', 'LIKE', 'love', 'dislikes', 'neutral', 'skip'];
const NOT_DATE: Json[] = [
  null, 0, 1764522000000, true, [], {}, '', 'yesterday', '2026-11-30', '2026-11-30T17:00:00', '2026-13-01T00:00:00Z',
  '2026-02-30T10:00:00Z', '2026-11-30T25:00:00Z', '2026-11-30 17:00:00Z', '30/11/2026', 'T17:00:00Z', '2026-11-30T17:60:00Z',
];
const NOT_EMBEDDING: Json[] = [null, 0, 'embedding', true, {}, [], ['1'], [null], [1, null, 3], [[1]], [true]];
const NOT_ENTRY: Json[] = [null, 0, 7, true, 'google:1f600', [], ['google:1f600', 'like']];
const ROOTS = ['null', 'true', '0', '42', '"ratings"', '[]', '[{}]', '"{}"'];
const BROKEN_TEXT = [
  "{'format': 'beyond-catalog.ratings'}",
  '{format: "beyond-catalog.ratings"}',
  '{"format": "beyond-catalog.ratings",}',
  '{"ratings": [1, 2,]}',
  '{"version": NaN}',
  '{"version": Infinity}',
  '// comment\n{}',
  '{"a": 1} {"b": 2}',
  '<html><body>not json</body></html>',
  'format=beyond-catalog.ratings',
  '\u0000\u0001\u0002',
  '{"profile": "\\x41"}',
  '{"profile": "unterminated}',
];

const MUTATIONS: Mutation[] = [
  (f, p) => {
    const key = p.one(['format', 'version', 'profile', 'ratings']);
    delete f[key];
    return `top-level "${key}" removed`;
  },
  (f, p) => set(f, 'format', p.one(NOT_FORMAT)),
  (f, p) => set(f, 'version', p.one(NOT_VERSION)),
  (f, p) => set(f, 'profile', p.one(NOT_PROFILE)),
  (f, p) => set(f, 'ratings', p.one(NOT_RATINGS)),
  (f, p) => {
    const key = p.one(['extra', 'Format', 'ratings2', 'user', '__proto__x', 'id', 'Ratings']);
    return set(f, key, p.one([null, 1, 'x', [], {}]));
  },
  (f, p) => {
    const { entry, at } = pickEntry(f, p);
    const key = p.one(['item', 'rating', 'at']);
    delete entry[key];
    return `${at}.${key} removed`;
  },
  (f, p) => setIn(f, p, 'item', p.one(NOT_ITEM)),
  (f, p) => setIn(f, p, 'rating', p.one(NOT_RATING)),
  (f, p) => setIn(f, p, 'at', p.one(NOT_DATE)),
  (f, p) => setIn(f, p, p.one(['score', 'value', 'time', 'Item', 'note']), p.one([null, 1, 'x', true])),
  (f, p) => setIn(f, p, 'embedding', p.one(NOT_EMBEDDING)),
  (f, p) => setIn(f, p, 'item', `generated:${p.one(['a', 'x1', '00ff'])}`),
  (f, p) => {
    const ratings = f.ratings as Json[];
    const i = p.int(ratings.length);
    ratings[i] = p.one(NOT_ENTRY);
    return `ratings[${i}] replaced by ${JSON.stringify(ratings[i])}`;
  },
  (f, p) => {
    const ratings = f.ratings as Json[];
    const i = 1 + p.int(ratings.length - 1);
    const j = p.int(i);
    ratings[i] = { ...(isEntry(ratings[i]) ? ratings[i] : {}), item: isEntry(ratings[j]) ? ratings[j].item : 'google:1f600' };
    ratings[j] = { ...(isEntry(ratings[j]) ? ratings[j] : {}), item: ratings[i].item };
    return `ratings[${i}] repeats the item of ratings[${j}]`;
  },
];

// Whole-text corruptions: produced from the serialised file rather than the object.
const TEXT_MUTATIONS: ((text: string, p: Picker) => MalformedFile)[] = [
  (text, p) => {
    const cut = 1 + p.int(text.length - 2);
    return { mutation: `truncated after ${cut} of ${text.length} characters`, text: text.slice(0, cut) };
  },
  (_, p) => ({ mutation: 'empty or blank file', text: p.one(['', ' ', '\n\n', '\t \r\n']) }),
  (_, p) => {
    const root = p.one(ROOTS);
    return { mutation: `root is ${root}`, text: root };
  },
  (_, p) => {
    const text = p.one(BROKEN_TEXT);
    return { mutation: `not JSON: ${JSON.stringify(text.slice(0, 30))}`, text };
  },
  (text, p) => {
    const junk = p.one(['}', ']', 'x', ',', '{', '"']);
    return { mutation: `trailing ${JSON.stringify(junk)}`, text: text + junk };
  },
];

function set(f: { [key: string]: Json }, key: string, value: Json): string {
  f[key] = value;
  return `"${key}" = ${JSON.stringify(value)?.slice(0, 40)}`;
}

const isEntry = (v: Json): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An entry that is still an object (an earlier step may have replaced some). */
function pickEntry(f: { [key: string]: Json }, p: Picker) {
  const ratings = f.ratings as Json[];
  const objects = ratings.map((_, i) => i).filter((i) => isEntry(ratings[i]));
  const i = objects.length > 0 ? p.one(objects) : 0;
  const entry = isEntry(ratings[i]) ? ratings[i] : {};
  return { entry, at: `ratings[${i}]` };
}

function setIn(f: { [key: string]: Json }, p: Picker, key: string, value: Json): string {
  const { entry, at } = pickEntry(f, p);
  entry[key] = value;
  return `${at}.${key} = ${JSON.stringify(value)?.slice(0, 40)}`;
}

/**
 * `count` distinct malformed variants of a valid ratings file (which needs at least two
 * ratings, all of catalog items), deterministic for a seed: structural changes (a field
 * missing, of the wrong type or value, unknown fields, bad entries, duplicates) and textual
 * ones (truncation, broken JSON, wrong root). Every one must be rejected by the validator —
 * the fault tests check that it is, and that a rejected import stores nothing. The first
 * two are the size limits (too many ratings, too many bytes).
 */
export function malformedRatingsFiles(valid: RatingsFile, count: number, seed = 1): MalformedFile[] {
  if (valid.ratings.length < 2) throw new Error('malformedRatingsFiles needs a file with at least two ratings');
  const random = mulberry32(seed);
  const pick: Picker = {
    int: (n) => Math.floor(random() * n),
    one: (items) => items[Math.floor(random() * items.length)],
  };
  const base = JSON.stringify(valid);
  const out: MalformedFile[] = [
    {
      mutation: `${MAX_RATINGS + 1} ratings`,
      text: JSON.stringify({ ...valid, ratings: Array.from({ length: MAX_RATINGS + 1 }, () => valid.ratings[0]) }),
    },
    { mutation: `${MAX_FILE_BYTES + 1} bytes`, text: base.slice(0, -1) + ' '.repeat(MAX_FILE_BYTES + 1 - base.length) + '}' },
  ];
  const seen = new Set(out.map((m) => m.text));
  for (let tries = 0; out.length < count && tries < count * 50; tries++) {
    let file: MalformedFile;
    if (random() < 0.25) file = pick.one(TEXT_MUTATIONS)(base, pick);
    else {
      const copy = JSON.parse(base) as { [key: string]: Json };
      // Sometimes two faults at once: the validator must still name them.
      const steps = random() < 0.2 ? 2 : 1;
      const names: string[] = [];
      for (let s = 0; s < steps && Array.isArray(copy.ratings) && (copy.ratings as Json[]).length >= 2; s++) {
        names.push(pick.one(MUTATIONS)(copy, pick));
      }
      if (names.length === 0) names.push(pick.one(MUTATIONS.slice(0, 6))(copy, pick));
      file = { mutation: names.join('; '), text: JSON.stringify(copy, null, random() < 0.5 ? 2 : undefined) };
    }
    if (seen.has(file.text)) continue;
    seen.add(file.text);
    out.push(file);
  }
  return out;
}
