import { describe, expect, it } from 'vitest';
import { formatBytes, formatMs, summarize } from './stats.ts';

describe('bench stats', () => {
  it('takes the median of odd and even counts, with min and max', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, n: 3 });
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, n: 4 });
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
