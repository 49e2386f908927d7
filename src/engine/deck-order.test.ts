import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from './catalog.ts';
import { deckOrder } from './deck-order.ts';

const catalog = parseCatalog(JSON.parse(readFileSync(new URL('../../public/catalog/catalog.json', import.meta.url), 'utf8')));
const items = catalog.items;
const categories = new Set(items.map((i) => i.category));
const seeds = [0, 1, 2, 42, 1234, 0xdeadbeef, 2 ** 31, 987654321];

describe('deckOrder', () => {
  it('is a permutation of the catalog', () => {
    const order = deckOrder(items, 42);
    expect(order).toHaveLength(items.length);
    expect(new Set(order.map((i) => i.id)).size).toBe(items.length);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const ids = (seed: number) => deckOrder(items, seed).map((i) => i.id);
    expect(ids(7)).toEqual(ids(7));
    expect(ids(7).slice(0, 20)).not.toEqual(ids(8).slice(0, 20));
  });

  it.each(seeds)('spans every category and both vendors within the first 20 cards (seed %i)', (seed) => {
    const first = deckOrder(items, seed).slice(0, 20);
    expect(new Set(first.map((i) => i.category))).toEqual(categories);
    expect(new Set(first.map((i) => i.vendor))).toEqual(new Set(['google', 'twitter']));
  });

  it('keeps mixing after the opening: every window of 100 cards holds most categories and both vendors', () => {
    const order = deckOrder(items, 3);
    for (let start = 0; start + 100 <= order.length; start += 100) {
      const window = order.slice(start, start + 100);
      expect(new Set(window.map((i) => i.category)).size).toBeGreaterThanOrEqual(8);
      const google = window.filter((i) => i.vendor === 'google').length;
      expect(google).toBeGreaterThan(30);
      expect(google).toBeLessThan(70);
    }
  });

  it('handles an empty list and a single stratum', () => {
    expect(deckOrder([], 1)).toEqual([]);
    const one = [{ id: 'a', category: 'x', vendor: 'v' }, { id: 'b', category: 'x', vendor: 'v' }];
    expect(deckOrder(one, 1).map((i) => i.id).sort()).toEqual(['a', 'b']);
  });
});
