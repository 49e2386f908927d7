import { memo, useEffect, useRef } from 'react';
import { EmojiTile } from '../../components/emoji-tile.tsx';
import type { Catalog, CatalogItem } from '../../engine/catalog.ts';
import { generatedFileName } from '../../engine/generated-item.ts';
import type { RatingValue } from '../../engine/ratings-file.ts';
import { useT } from '../../i18n/use-t.ts';
import { appStore } from '../../state/app-store.ts';
import { generatedImage } from '../../state/generated-images.ts';
import type { GeneratedCard as Card } from '../../state/generation-slice.ts';
import { paintImage, savePng } from './save-png.ts';

interface Props {
  card: Card;
  seed: number;
  rating: RatingValue | undefined;
  catalog: Catalog;
  itemsById: ReadonlyMap<string, CatalogItem>;
}

/** A click on the value it already has takes the rating back. */
function rate(id: string, value: RatingValue, current: RatingValue | undefined): void {
  const s = appStore.getState();
  if (current === value) void s.unrate(id);
  else void s.rateGenerated(id, value);
}

/** One generated image with its nearest catalog items, novelty, rating buttons and "Save as PNG". */
export const GeneratedCard = memo(function GeneratedCard({ card, seed, rating, catalog, itemsById }: Props) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const image = generatedImage(card.id);
    if (canvas.current && image) paintImage(canvas.current, image);
  }, [card.id]);
  const name = t('genItemLabel', { n: card.index + 1 });
  const save = () => {
    const image = generatedImage(card.id);
    if (image) void savePng(image, generatedFileName(seed, card.index));
  };
  return (
    <article
      className={`gen-card${rating ? ` rated-${rating}` : ''}`}
      data-testid="generated-item"
      data-item-id={card.id}
      data-index={card.index}
      data-nearest={card.nearest.map((n) => n.item).join(' ')}
      data-novelty={card.novelty}
      data-rating={rating ?? 'none'}
    >
      <canvas ref={canvas} className="gen-image" width={card.width} height={card.height} role="img" aria-label={name} data-testid="generated-canvas" />
      <div className="gen-nearest" title={t('genNearest')}>
        {card.nearest.map((n) => {
          const item = itemsById.get(n.item);
          return item ? <EmojiTile key={n.item} item={item} atlas={catalog.atlases[item.atlas]} size={36} /> : null;
        })}
      </div>
      <p className="gen-novelty" title={t('genNoveltyHint')}>{t('genNovelty', { value: card.novelty.toFixed(2) })}</p>
      <div className="gen-actions">
        <button type="button" className="btn-like" aria-pressed={rating === 'like'} data-testid="generated-like" onClick={() => rate(card.id, 'like', rating)}>
          {t('like')}
        </button>
        <button type="button" className="btn-dislike" aria-pressed={rating === 'dislike'} data-testid="generated-dislike" onClick={() => rate(card.id, 'dislike', rating)}>
          {t('dislike')}
        </button>
        <button type="button" data-testid="generated-save" onClick={save}>{t('genSavePng')}</button>
      </div>
    </article>
  );
});
