import { mulberry32, shuffled } from './prng.ts';

/** The fields the deck mixes on; catalog items have both. */
export interface Stratifiable {
  category: string;
  vendor: string;
}

/**
 * Seeded deck order that mixes categories and both vendors throughout.
 *
 * Items are grouped into strata (category × vendor) and shuffled within each. The first item of
 * every stratum comes first, in random order, so the opening cards already span the catalog;
 * after that, the k-th item of a stratum of size n gets the key (k + u) / n with u uniform in
 * [0, 1), which spreads every stratum evenly over the rest of the deck in proportion to its size.
 * Deterministic: the same items and seed give the same order.
 */
export function deckOrder<T extends Stratifiable>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const strata = new Map<string, T[]>();
  for (const item of items) {
    const key = `${item.category}\u0000${item.vendor}`;
    const list = strata.get(key);
    if (list) list.push(item);
    else strata.set(key, [item]);
  }
  const keyed: { item: T; key: number; tie: number }[] = [];
  // Map iteration follows first appearance in `items`, so the order is reproducible.
  for (const list of strata.values()) {
    const mixed = shuffled(list, random);
    mixed.forEach((item, k) => {
      const u = random();
      keyed.push({ item, key: k === 0 ? u - 1 : (k + u) / mixed.length, tie: keyed.length });
    });
  }
  keyed.sort((a, b) => a.key - b.key || a.tie - b.tie);
  return keyed.map((k) => k.item);
}
