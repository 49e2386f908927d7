import { memo } from 'react';
import { EmojiTile } from '../../components/emoji-tile.tsx';
import type { AtlasInfo, CatalogItem } from '../../engine/catalog.ts';
import type { RatingValue } from '../../engine/ratings-file.ts';
import { useT } from '../../i18n/use-t.ts';
import { appStore } from '../../state/app-store.ts';

interface Props {
  item: CatalogItem;
  atlas: AtlasInfo;
  rating: RatingValue | undefined;
}

/** A click cycles the item: not rated → like → dislike → not rated. */
function cycle(item: string, rating: RatingValue | undefined): void {
  const s = appStore.getState();
  if (rating === undefined) void s.rate(item, 'like');
  else if (rating === 'like') void s.rate(item, 'dislike');
  else void s.unrate(item);
}

export const GridCell = memo(function GridCell({ item, atlas, rating }: Props) {
  const t = useT();
  const state = rating ? t(rating) : t('notRated');
  return (
    <button
      type="button"
      className={`grid-cell${rating ? ` rated-${rating}` : ''}`}
      data-testid="grid-cell"
      data-item-id={item.id}
      data-rating={rating ?? 'none'}
      title={`${item.name} — ${state}`}
      aria-label={`${item.name}: ${state}`}
      onClick={() => cycle(item.id, rating)}
    >
      <EmojiTile item={item} atlas={atlas} size={48} />
    </button>
  );
});
