import { useMemo } from 'react';
import type { CatalogItem } from '../../engine/catalog.ts';
import { deckOrder } from '../../engine/deck-order.ts';
import { useApp } from '../../state/app-store.ts';
import type { AppState } from '../../state/store-types.ts';

/** The active profile's seeded deck order. */
export function useDeckOrder(): CatalogItem[] {
  const catalog = useApp((s) => s.catalog);
  const seed = useApp((s) => s.profiles.find((p) => p.id === s.activeId)?.seed ?? 0);
  return useMemo(() => (catalog ? deckOrder(catalog.items, seed) : []), [catalog, seed]);
}

type CardState = Pick<AppState, 'ratings' | 'pending' | 'skipped'>;

/**
 * The current card: the first item in `order` that is neither rated, being saved, nor skipped.
 * Undo brings an earlier card back by un-rating it.
 */
export function currentCard(order: readonly CatalogItem[], state: CardState): CatalogItem | null {
  const done = new Set<string>([...state.pending, ...state.skipped]);
  for (const r of state.ratings) done.add(r.item);
  return order.find((i) => !done.has(i.id)) ?? null;
}

/** The current card, re-computed when ratings, saves in flight or skips change. */
export function useCurrentCard(order: readonly CatalogItem[]): CatalogItem | null {
  const ratings = useApp((s) => s.ratings);
  const pending = useApp((s) => s.pending);
  const skipped = useApp((s) => s.skipped);
  return useMemo(() => currentCard(order, { ratings, pending, skipped }), [order, ratings, pending, skipped]);
}
