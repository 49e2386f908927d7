import { useEffect, useRef } from 'react';
import { useApp } from '../../state/app-store.ts';
import { selectCurrentBatch } from '../../state/generation-slice.ts';

/**
 * Loads the models when the view opens, and draws the first batch by itself once the visitor
 * has enough likes — once per visit of the view, so a failure does not loop.
 */
export function useAutoGenerate(enoughLikes: boolean): void {
  const ensureModels = useApp((s) => s.ensureModels);
  const ready = useApp((s) => s.generation.models.state === 'ready');
  const hasBatch = useApp((s) => selectCurrentBatch(s) !== null);
  const idle = useApp((s) => s.generation.job.state === 'idle');
  const generateBatch = useApp((s) => s.generateBatch);
  const tried = useRef(false);

  useEffect(() => {
    void ensureModels();
  }, [ensureModels]);

  useEffect(() => {
    if (!ready || !enoughLikes || hasBatch || !idle || tried.current) return;
    tried.current = true;
    void generateBatch();
  }, [ready, enoughLikes, hasBatch, idle, generateBatch]);
}
