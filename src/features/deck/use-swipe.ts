import { useRef, useState, type PointerEvent } from 'react';

export type SwipeDirection = 'right' | 'left' | 'down';

const THRESHOLD = 60;

/**
 * Pointer handlers that report a swipe (right, left or down past THRESHOLD px) and the
 * current drag offset so the card can follow the finger.
 */
export function useSwipe(onSwipe: (direction: SwipeDirection) => void) {
  const start = useRef<{ x: number; y: number; id: number } | null>(null);
  const [offset, setOffset] = useState({ x: 0, y: 0 });

  const end = (e: PointerEvent) => {
    const s = start.current;
    start.current = null;
    setOffset({ x: 0, y: 0 });
    if (!s || s.id !== e.pointerId) return;
    const dx = e.clientX - s.x;
    const dy = e.clientY - s.y;
    if (Math.abs(dx) >= THRESHOLD && Math.abs(dx) > Math.abs(dy)) onSwipe(dx > 0 ? 'right' : 'left');
    else if (dy >= THRESHOLD && dy > Math.abs(dx)) onSwipe('down');
  };

  return {
    offset,
    handlers: {
      onPointerDown: (e: PointerEvent) => {
        if (e.pointerType === 'mouse' && e.button !== 0) return;
        start.current = { x: e.clientX, y: e.clientY, id: e.pointerId };
        (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
      },
      onPointerMove: (e: PointerEvent) => {
        const s = start.current;
        if (s && s.id === e.pointerId) setOffset({ x: e.clientX - s.x, y: Math.max(0, e.clientY - s.y) });
      },
      onPointerUp: end,
      onPointerCancel: () => {
        start.current = null;
        setOffset({ x: 0, y: 0 });
      },
    },
  };
}
