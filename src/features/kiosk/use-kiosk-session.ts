import { useEffect } from 'react';
import { appStore, useApp } from '../../state/app-store.ts';
import { enterFullscreen } from './fullscreen.ts';

// Any of these means someone is at the screen.
const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Kiosk mode while it is on: full screen again on the first touch (after a reload or Escape,
 * since browsers only allow it from a gesture), and — when an idle time is set — a new
 * visitor once nobody has touched the screen for that long. The timer starts at the first
 * input, so an unattended screen does not pile up empty visitors.
 */
export function useKioskSession(): void {
  const kiosk = useApp((s) => s.kiosk);
  const idleMinutes = useApp((s) => s.idleMinutes);

  useEffect(() => {
    if (!kiosk) return;
    window.addEventListener('pointerdown', enterFullscreen, true);
    return () => window.removeEventListener('pointerdown', enterFullscreen, true);
  }, [kiosk]);

  useEffect(() => {
    if (!kiosk || idleMinutes === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reset = () => {
      timer = undefined;
      void appStore.getState().newVisitor();
    };
    const onActivity = () => {
      clearTimeout(timer);
      timer = setTimeout(reset, idleMinutes * 60_000);
    };
    for (const type of ACTIVITY) window.addEventListener(type, onActivity, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [kiosk, idleMinutes]);
}
