import { describe, expect, it } from 'vitest';
import { formatBytes, formatMs, hasSettled, settle, summarize } from './stats.ts';

describe('bench stats', () => {
  it('takes the median of odd and even counts, with min and max', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, n: 3 });
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, n: 4 });
  });
  it('calls times settled when the last three lie within 10% of their median', () => {
    expect(hasSettled([500, 190])).toBe(false);
    expect(hasSettled([600, 470, 560, 200, 190])).toBe(false);
    expect(hasSettled([600, 200, 190, 195])).toBe(true);
    expect(hasSettled([600, 200, 181, 199])).toBe(true); // 18 ≤ 0.1 × 199
    expect(hasSettled([600, 200, 179, 200])).toBe(false); // 21 > 0.1 × 200
  });

  // A fake clock that each run advances by its "time": real timers jitter under load.
  const fakeRuns = (durations: (run: number) => number) => {
    let now = 0;
    let run = 0;
    return { fn: async () => void (now += durations(run++)), clock: () => now };
  };

  it('settle runs until the times settle, or gives up at maxRuns', async () => {
    const times = [400, 300, 200, 200, 200, 200];
    const a = fakeRuns((i) => times[i]);
    expect(await settle(a.fn, 30, 0, a.clock)).toBe(5);
    const b = fakeRuns((i) => (i % 2 ? 5 : 40));
    expect(await settle(b.fn, 6, 0, b.clock)).toBe(6);
  });

  it('settle runs minRuns at least: three alike in a row early on may be the slow plateau', async () => {
    const a = fakeRuns(() => 100);
    expect(await settle(a.fn, 30, 8, a.clock)).toBe(8); // alike from the third run on
    const b = fakeRuns(() => 100);
    expect(await settle(b.fn, 30, undefined, b.clock)).toBe(12); // the default
  });

  it('refuses an empty list', () => {
    expect(() => summarize([])).toThrow(/no samples/);
  });
  it('formats figures as median (min–max, n)', () => {
    expect(formatMs({ median: 123.4, min: 100.2, max: 150.9, n: 5 })).toBe('123 ms (100–151, n=5)');
    expect(formatBytes(9_876_543)).toBe('9.88 MB');
    expect(formatBytes(1234)).toBe('1.2 kB');
  });
});
