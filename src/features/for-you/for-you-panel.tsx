import { useEffect, useMemo } from 'react';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { whyLeftOut } from '../../engine/rated-embeddings.ts';
import { countRatings, ratingIndex } from '../../engine/rating-list.ts';
import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../state/app-store.ts';
import { clearGeneratedImages } from '../../state/generated-images.ts';
import { MIN_LIKES, selectCurrentBatch } from '../../state/generation-slice.ts';
import { BackendStatus } from './backend-status.tsx';
import { GeneratedCard } from './generated-card.tsx';
import { GenerationControls } from './generation-controls.tsx';
import { GenerationProgress } from './generation-progress.tsx';
import { ModelStatus } from './model-status.tsx';
import { useAutoGenerate } from './use-auto-generate.ts';
import './for-you.css';

/**
 * "For you": new items drawn by the diffusion prior in the generation worker for the active
 * profile's ratings, each beside its nearest catalog items. Rating stays usable whatever
 * happens here (model errors are shown, never thrown).
 */
export function ForYouPanel() {
  const t = useT();
  const catalog = useApp((s) => s.catalog)!;
  const ratings = useApp((s) => s.ratings);
  const ready = useApp((s) => s.generation.models.state === 'ready');
  const batch = useApp(selectCurrentBatch);
  const drawing = useApp((s) => s.generation.job.state === 'running');
  const staleBatch = useApp((s) => s.generation.batch !== null && selectCurrentBatch(s) === null);
  const likes = countRatings(ratings).like;
  const enoughLikes = likes >= MIN_LIKES;
  useAutoGenerate(enoughLikes);

  // Another visitor's images must not linger, even off screen.
  useEffect(() => {
    if (staleBatch) clearGeneratedImages();
  }, [staleBatch]);

  const itemsById = useMemo(() => new Map(catalog.items.map((i) => [i.id, i])), [catalog]);
  const rated = useMemo(() => ratingIndex(ratings), [ratings]);
  // The ratings these models leave out, judged here as the worker judges them: what "remove" removes.
  const dim = useApp((s) => s.generation.summary?.embeddingDim ?? null);
  const space = batch?.space ?? null;
  const leftOut = useMemo(() => {
    if (dim === null || space === null) return [];
    const fit = { dim, space, hasItem: (id: string) => itemsById.has(id) };
    return ratings.filter((r) => whyLeftOut(r, fit) !== null).map((r) => r.item);
  }, [ratings, dim, space, itemsById]);
  const removeRatings = useApp((s) => s.removeRatings);

  return (
    <section className="for-you-view" data-testid="for-you">
      <h2>{t('forYouTitle')}</h2>
      <p className="hint">{t('genIntro')}</p>
      <BackendStatus />
      <ModelStatus />
      {!enoughLikes && (
        <p className="gen-need-likes" data-testid="need-likes">
          {t('genNeedLikes', { needed: MIN_LIKES - likes, likes, min: MIN_LIKES })}
        </p>
      )}
      <GenerationControls canGenerate={ready && enoughLikes} />
      <GenerationProgress />
      {batch && (
        <div className="gen-batch" data-testid="generated-batch" data-seed={batch.seed} data-target={batch.target} data-backend={batch.backend} data-ratings-used={batch.ratingsUsed}>
          <h3>{t(batch.target === 'dislike' ? 'genHeadingDislike' : 'genHeadingLike')}</h3>
          <p className="hint" data-testid="batch-info">
            {t('genBatchInfo', {
              seed: batch.seed, steps: batch.steps, guidance: batch.guidance, ratings: batch.ratingsUsed,
              seconds: (batch.elapsedMs / 1000).toFixed(1), backend: batch.backend === 'webgpu' ? 'WebGPU' : 'WASM',
            })}
          </p>
          {batch.ratingsLeftOut > 0 && (
            <p className="hint" data-testid="ratings-left-out">
              {t('genRatingsLeftOut', { count: batch.ratingsLeftOut })}{' '}
              {leftOut.length > 0 && (
                <ConfirmButton
                  testId="remove-left-out"
                  label={t('genRemoveLeftOut')}
                  confirmLabel={t('genRemoveLeftOutConfirm', { count: leftOut.length })}
                  onConfirm={() => void removeRatings(leftOut)}
                />
              )}
            </p>
          )}
          <div className="gen-grid">
            {batch.items.map((card) => (
              <GeneratedCard key={card.id} card={card} seed={batch.seed} rating={rated.get(card.id)} catalog={catalog} itemsById={itemsById} />
            ))}
            {/* The rest of a batch drawn in parts: its places, so the grid does not jump. */}
            {drawing && Array.from({ length: batch.count - batch.items.length }, (_, i) => (
              <div key={`pending-${i}`} className="gen-card gen-card-pending" data-testid="generated-pending" aria-hidden="true" />
            ))}
          </div>
        </div>
      )}
    </section>
  );
}
