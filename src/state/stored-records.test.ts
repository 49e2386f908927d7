import { describe, expect, it } from 'vitest';
import { checkSchema, sanitizeProfileIndex, sanitizeRatings, sanitizeSettings } from './stored-records.ts';

const good = (item: string, rating = 'like', at = '2026-11-30T17:00:00.000Z') => ({ item, rating, at });
const profile = (id: string, name = id) => ({ id, name, createdAt: '2026-11-30T17:00:00.000Z', seed: 7 });

describe('stored records', () => {
  it('keeps every sound rating and names each dropped one', () => {
    const raw = [
      good('google:1f600'),
      null,
      { item: 'google:1f601', rating: 'meh', at: '2026-11-30T17:00:00Z' },
      good('google:1f602', 'dislike'),
      { item: 'google:1f603', rating: 'like', at: 'soon' },
      { item: 'generated:a', rating: 'like', at: '2026-11-30T17:00:00Z' },
      { item: 'generated:b', rating: 'like', at: '2026-11-30T17:00:00Z', embedding: [1, 2], space: '2d-0a1b2c3d' },
      { ...good('google:1f604'), extra: 'from a newer version' },
      'google:1f605',
      { item: 'generated:c', rating: 'like', at: '2026-11-30T17:00:00Z', embedding: [1, 2], space: 42 },
    ];
    const { value, problems } = sanitizeRatings(raw);
    expect(value.map((r) => r.item)).toEqual(['google:1f600', 'google:1f602', 'generated:b', 'google:1f604']);
    expect(value[2].space).toBe('2d-0a1b2c3d');
    expect(value[3]).toEqual(good('google:1f604'));
    expect(problems).toHaveLength(6);
    expect(problems[5]).toMatch(/bad embedding space/);
    expect(problems[0]).toMatch(/Rating 2 is null/);
    expect(problems[1]).toMatch(/Rating 3 has a bad value \(the text "meh"\)/);
  });

  it('merges a repeated item into its latest rating', () => {
    const { value, problems } = sanitizeRatings([good('google:1f600'), good('google:1f601'), good('google:1f600', 'dislike')]);
    expect(value.map((r) => [r.item, r.rating])).toEqual([['google:1f601', 'like'], ['google:1f600', 'dislike']]);
    expect(problems).toEqual(['1 repeated rating(s) were merged into the latest one.']);
  });

  it('treats a ratings value that is not a list as unreadable', () => {
    expect(sanitizeRatings({ version: 2, ratings: [] })).toEqual({ value: [], problems: ['The ratings were unreadable (an object).'] });
    expect(sanitizeRatings(undefined)).toEqual({ value: [], problems: [] });
  });

  it('keeps sound profiles, drops damaged and repeated ones, and repairs the active id', () => {
    const raw = { profiles: [profile('a'), { id: 'b' }, profile('c'), profile('a', 'again')], activeId: 'b' };
    const { value, problems } = sanitizeProfileIndex(raw);
    expect(value).toEqual({ profiles: [profile('a'), profile('c')], activeId: 'a' });
    expect(problems).toEqual([
      'Profile 2 has a bad name (missing) and was dropped.',
      'Profile 4 repeats the id of another profile and was dropped.',
    ]);
    expect(sanitizeProfileIndex('garbage')).toEqual({ value: undefined, problems: ['The profile list was unreadable (the text "garbage").'] });
  });

  it('resets only the settings that are unreadable', () => {
    expect(sanitizeSettings({ language: 'ja', kiosk: 'yes', idleMinutes: 5 })).toEqual({
      value: { language: 'ja', kiosk: false, idleMinutes: 5 },
      problems: ['The kiosk setting the text "yes" is unreadable; kiosk mode is off.'],
    });
    expect(sanitizeSettings({ language: 'en' })).toEqual({ value: { language: 'en', kiosk: false, idleMinutes: null }, problems: [] });
    expect(sanitizeSettings({ idleMinutes: 0 }).problems).toHaveLength(1);
    expect(sanitizeSettings(42).problems).toEqual(['Settings were unreadable (number 42) and were reset.']);
  });

  it('accepts only this layout version', () => {
    expect(checkSchema(undefined).problems).toEqual([]);
    expect(checkSchema({ version: 1 }).problems).toEqual([]);
    expect(checkSchema({ version: 3 }).problems[0]).toMatch(/unknown version \(number 3\); this app reads version 1/);
    expect(checkSchema('v9').problems).toHaveLength(1);
  });
});
