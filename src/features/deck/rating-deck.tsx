import { useEffect, useMemo, useRef } from 'react';
import { EmojiTile } from '../../components/emoji-tile.tsx';
import { useT } from '../../i18n/use-t.ts';
import { appStore, useApp } from '../../state/app-store.ts';
import { DeckButtons } from './deck-buttons.tsx';
import { useDeckKeys, type DeckKeyActions } from './use-deck-keys.ts';
import { currentCard, useCurrentCard, useDeckOrder } from './use-deck-order.ts';
import { useSwipe } from './use-swipe.ts';

const CARD_SIZE = 256;

/** One large image at a time: like, dislike, skip, undo — by button, key or swipe. */
export function RatingDeck() {
  const t = useT();
  const catalog = useApp((s) => s.catalog)!;
  const order = useDeckOrder();
  const item = useCurrentCard(order);
  const hasSkipped = useApp((s) => s.skipped.length > 0);
  const clearSkipped = useApp((s) => s.clearSkipped);

  const orderRef = useRef(order);
  useEffect(() => {
    orderRef.current = order;
  }, [order]);

  // Actions read the store when they run: a key pressed while a save is in flight acts on the
  // next card, not on the one still being saved.
  const actions: DeckKeyActions = useMemo(() => {
    const now = () => currentCard(orderRef.current, appStore.getState())?.id;
    const rate = (value: 'like' | 'dislike') => {
      const id = now();
      if (id) void appStore.getState().rate(id, value);
    };
    return {
      like: () => rate('like'),
      dislike: () => rate('dislike'),
      skip: () => {
        const id = now();
        if (id) appStore.getState().skip(id);
      },
      undo: () => void appStore.getState().undo(),
    };
  }, []);
  useDeckKeys(actions);
  const swipe = useSwipe((d) => (d === 'right' ? actions.like() : d === 'left' ? actions.dislike() : actions.skip()));

  if (!item) {
    return (
      <section className="deck deck-done" data-testid="deck-done">
        <p>{t('deckDone')}</p>
        {hasSkipped && <button type="button" onClick={clearSkipped}>{t('showSkipped')}</button>}
        <DeckButtons actions={actions} disabled />
      </section>
    );
  }

  const tilt = swipe.offset.x / 20;
  return (
    <section className="deck">
      <div
        className="deck-card"
        data-testid="deck-card"
        data-item-id={item.id}
        {...swipe.handlers}
        style={{ transform: `translate(${swipe.offset.x}px, ${swipe.offset.y}px) rotate(${tilt}deg)` }}
      >
        <EmojiTile item={item} atlas={catalog.atlases[item.atlas]} size={CARD_SIZE} />
        <p className="deck-name" data-testid="deck-name">{item.name}</p>
        <p className="deck-style">{t(item.vendor === 'google' ? 'styleGoogle' : 'styleTwitter')}</p>
      </div>
      <DeckButtons actions={actions} />
      <p className="hint">{t('keysHint')}</p>
    </section>
  );
}
