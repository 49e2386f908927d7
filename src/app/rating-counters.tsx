import { countRatings } from '../engine/rating-list.ts';
import { useT } from '../i18n/use-t.ts';
import { useApp } from '../state/app-store.ts';

/** Like / dislike counts of the active profile — acknowledged (stored) ratings only. */
export function RatingCounters() {
  const t = useT();
  const ratings = useApp((s) => s.ratings);
  const { like, dislike } = countRatings(ratings);
  return (
    <div className="counters" aria-live="polite">
      <span className="counter counter-like">
        {t('likes')} <strong data-testid="count-like">{like}</strong>
      </span>
      <span className="counter counter-dislike">
        {t('dislikes')} <strong data-testid="count-dislike">{dislike}</strong>
      </span>
    </div>
  );
}
