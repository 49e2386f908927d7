import { useT } from '../../i18n/use-t.ts';
import type { DeckKeyActions } from './use-deck-keys.ts';

export function DeckButtons({ actions, disabled = false }: { actions: DeckKeyActions; disabled?: boolean }) {
  const t = useT();
  return (
    <div className="deck-buttons">
      <button type="button" className="btn-dislike" data-testid="deck-dislike" disabled={disabled} onClick={actions.dislike}>
        ← {t('dislike')}
      </button>
      <button type="button" className="btn-skip" data-testid="deck-skip" disabled={disabled} onClick={actions.skip}>
        ↓ {t('skip')}
      </button>
      <button type="button" className="btn-like" data-testid="deck-like" disabled={disabled} onClick={actions.like}>
        {t('like')} →
      </button>
      <button type="button" className="btn-undo" data-testid="deck-undo" onClick={actions.undo}>
        ⌫ {t('undo')}
      </button>
    </div>
  );
}
