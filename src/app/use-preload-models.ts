import { useEffect } from 'react';
import { useApp } from '../state/app-store.ts';

/**
 * Starts loading the models (download, compile, warm-up, in the worker) as soon as the shell
 * shows the catalog, instead of when the visitor first opens "For you": by the time they have
 * rated a few items the generator is ready, and a returning visitor's first image no longer waits
 * for the click. The worker does the work off the main thread; the idle callback only keeps the
 * request out of the first frames.
 */
export function usePreloadModels(): void {
  const catalogReady = useApp((s) => s.catalog !== null);
  const ensureModels = useApp((s) => s.ensureModels);
  useEffect(() => {
    if (!catalogReady) return;
    const start = () => void ensureModels();
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(start, { timeout: 500 });
      return () => cancelIdleCallback(handle);
    }
    const handle = setTimeout(start, 0);
    return () => clearTimeout(handle);
  }, [catalogReady, ensureModels]);
}
