import { describe, expect, it } from 'vitest';
import { buildRatingsFile, MAX_RATINGS, stringifyRatingsFile } from './ratings-file.ts';
import { validateRatingsText, type RatingsFileErrorCode } from './validate-ratings-file.ts';

const known = new Set(['google:1f600', 'twitter:1f600', 'google:1f1ea-1f1ec']);

const valid = {
  format: 'beyond-catalog.ratings',
  version: 1,
  profile: 'Ada',
  ratings: [
    { item: 'google:1f600', rating: 'like', at: '2026-11-30T17:00:00Z' },
    { item: 'twitter:1f600', rating: 'dislike', at: '2026-11-30T17:00:01.250Z' },
    { item: 'google:1f1ea-1f1ec', rating: 'like', at: '2026-11-30T18:00:00+09:00' },
  ],
};

function withChange(change: (f: any) => void): string {
  const copy = structuredClone(valid);
  change(copy);
  return JSON.stringify(copy);
}

function errorsOf(text: string) {
  const result = validateRatingsText(text, known);
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.errors;
}

describe('validateRatingsText', () => {
  it('accepts a valid file and returns it unchanged', () => {
    const result = validateRatingsText(JSON.stringify(valid), known);
    expect(result).toEqual({ ok: true, file: valid });
  });

  it('accepts what the app exports (round trip)', () => {
    const text = stringifyRatingsFile(buildRatingsFile('Ada', valid.ratings as never));
    expect(validateRatingsText(text, known)).toEqual({ ok: true, file: valid });
  });

  it('accepts an empty ratings list', () => {
    expect(validateRatingsText(withChange((f) => (f.ratings = [])), known).ok).toBe(true);
  });

  it('accepts a generated item that carries a finite embedding', () => {
    const text = withChange((f) => f.ratings.push({ item: 'generated:abc', rating: 'like', at: '2026-11-30T17:00:00Z', embedding: [0.5, -1, 2e-3] }));
    expect(validateRatingsText(text, known).ok).toBe(true);
    const withSpace = withChange((f) => f.ratings.push({ item: 'generated:abc', rating: 'like', at: '2026-11-30T17:00:00Z', embedding: [0.5], space: '256d-0a1b2c3d' }));
    const result = validateRatingsText(withSpace, known);
    expect(result.ok && result.file.ratings.at(-1)?.space).toBe('256d-0a1b2c3d');
  });

  // One row per kind of malformed input: the code it must produce and a phrase its message names.
  const cases: [string, string, RatingsFileErrorCode, RegExp][] = [
    ['empty file', '   ', 'empty', /empty/],
    ['truncated JSON', JSON.stringify(valid).slice(0, 60), 'truncated-json', /truncated/],
    ['invalid JSON', "{format: 'x'}", 'invalid-json', /not valid JSON/],
    ['array at the root', '[1, 2]', 'not-an-object', /top level.*an array/],
    ['number at the root', '42', 'not-an-object', /top level.*number 42/],
    ['wrong format tag', withChange((f) => (f.format = 'beyond-catalog.catalog')), 'wrong-format', /"format" must be "beyond-catalog.ratings".*catalog/],
    ['wrong version', withChange((f) => (f.version = 2)), 'wrong-version', /Unsupported version number 2/],
    ['version as a string', withChange((f) => (f.version = '1')), 'wrong-version', /Unsupported version the string "1"/],
    ['missing ratings', withChange((f) => delete f.ratings), 'missing-field', /"ratings" is missing/],
    ['unknown top-level field', withChange((f) => (f.extra = true)), 'unknown-field', /Unknown top-level field "extra"/],
    ['profile not a string', withChange((f) => (f.profile = 7)), 'wrong-type', /"profile" must be a string, not number 7/],
    ['ratings not an array', withChange((f) => (f.ratings = {})), 'wrong-type', /"ratings" must be an array, not an object/],
    ['empty profile name', withChange((f) => (f.profile = '  ')), 'empty-profile', /profile name is empty/],
    ['profile name too long', withChange((f) => (f.profile = 'x'.repeat(101))), 'profile-too-long', /longer than 100/],
    ['rating entry not an object', withChange((f) => (f.ratings[1] = 'google:1f600')), 'rating-not-an-object', /ratings\[1\] must be an object/],
    ['rating entry missing a field', withChange((f) => delete f.ratings[2].at), 'missing-field', /ratings\[2\] is missing the field "at"/],
    ['rating entry with unknown field', withChange((f) => (f.ratings[0].score = 5)), 'unknown-field', /ratings\[0\] has an unknown field "score"/],
    ['unknown item', withChange((f) => (f.ratings[1].item = 'google:ffff')), 'unknown-item', /ratings\[1\]: unknown item "google:ffff"/],
    ['item not a string', withChange((f) => (f.ratings[0].item = 1234)), 'wrong-type', /ratings\[0\]\.item must be a string/],
    ['bad rating value', withChange((f) => (f.ratings[0].rating = 'meh')), 'bad-rating-value', /ratings\[0\]\.rating must be "like" or "dislike", not the string "meh"/],
    ['rating as a number', withChange((f) => (f.ratings[0].rating = 5)), 'bad-rating-value', /not number 5/],
    ['bad date', withChange((f) => (f.ratings[2].at = 'yesterday')), 'bad-date', /ratings\[2\]\.at is not a valid ISO 8601/],
    ['impossible date', withChange((f) => (f.ratings[2].at = '2026-02-30T10:00:00Z')), 'bad-date', /2026-02-30/],
    ['date without zone', withChange((f) => (f.ratings[2].at = '2026-11-30T17:00:00')), 'bad-date', /ISO 8601/],
    ['date as a number', withChange((f) => (f.ratings[2].at = 1764522000000)), 'wrong-type', /ratings\[2\]\.at must be a date string/],
    ['duplicate item', withChange((f) => (f.ratings[2].item = 'google:1f600')), 'duplicate-item', /ratings\[2\]: item "google:1f600" is rated twice \(also at ratings\[0\]\)/],
    ['generated item without embedding', withChange((f) => (f.ratings[0].item = 'generated:x1')), 'missing-embedding', /generated item "generated:x1" needs an "embedding"/],
    ['embedding with a non-finite value', withChange((f) => (f.ratings[0].embedding = [1, 'NaN'])), 'bad-embedding', /finite numbers/],
    ['empty embedding', withChange((f) => (f.ratings[0].embedding = [])), 'bad-embedding', /non-empty array/],
    ['embedding space not a string', withChange((f) => ((f.ratings[0].embedding = [1]), (f.ratings[0].space = 7))), 'bad-space', /ratings\[0\]\.space must be a non-empty string/],
    ['embedding space without an embedding', withChange((f) => (f.ratings[0].space = '256d-0a1b2c3d')), 'bad-space', /this rating has no embedding/],
  ];

  it.each(cases)('rejects %s with its own message', (_name, text, code, message) => {
    const errors = errorsOf(text);
    const hit = errors.find((e) => e.code === code);
    expect(hit, JSON.stringify(errors)).toBeDefined();
    expect(hit!.message).toMatch(message);
  });

  it('rejects a huge file before parsing it', () => {
    const errors = errorsOf(' '.repeat(5_000_001));
    expect(errors).toEqual([{ code: 'too-large', message: expect.stringMatching(/too large \(5\.0 MB\); the limit is 5 MB/) }]);
    // Counted in UTF-8 bytes: 2 million three-byte characters are 6 MB.
    expect(errorsOf('"' + 'あ'.repeat(2_000_000) + '"')[0].message).toMatch(/too large \(6\.0 MB\)/);
  });

  it('rejects more ratings than the limit', () => {
    const ratings = Array.from({ length: MAX_RATINGS + 1 }, () => ({ item: 'google:1f600', rating: 'like', at: '2026-11-30T17:00:00Z' }));
    const errors = errorsOf(withChange((f) => (f.ratings = ratings)));
    expect(errors).toEqual([{ code: 'too-many-ratings', message: 'The file has 20001 ratings; the limit is 20000.' }]);
  });

  it('gives every kind of problem a distinct message', () => {
    const byCode = new Map(cases.map(([, text, code]) => [code, errorsOf(text).find((e) => e.code === code)!.message]));
    expect(byCode.size).toBeGreaterThanOrEqual(15);
    expect(new Set(byCode.values()).size).toBe(byCode.size);
  });

  it('lists several problems at once and caps a long list', () => {
    const many = withChange((f) => {
      f.version = 3;
      f.ratings = Array.from({ length: 30 }, (_, i) => ({ item: `google:bad${i}`, rating: 'like', at: '2026-11-30T17:00:00Z' }));
    });
    const errors = errorsOf(many);
    expect(errors).toHaveLength(21);
    expect(errors[0].code).toBe('wrong-version');
    expect(errors[20].message).toBe('…and 11 more problems.');
  });
});
