import { useEffect } from 'react';

export interface DeckKeyActions {
  like(): void;
  dislike(): void;
  skip(): void;
  undo(): void;
}

const KEYS: Record<string, keyof DeckKeyActions> = {
  ArrowRight: 'like',
  ArrowLeft: 'dislike',
  ArrowDown: 'skip',
  Backspace: 'undo',
};

/** → like, ← dislike, ↓ skip, Backspace undo — while the deck is shown and no field has focus. */
export function useDeckKeys(actions: DeckKeyActions): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = KEYS[e.key];
      if (!action || e.repeat || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const target = e.target as HTMLElement | null;
      // Arrow keys change a focused select; Backspace edits a focused field.
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      e.preventDefault();
      actions[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
