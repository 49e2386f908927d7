import { describe, expect, it } from 'vitest';
import { isIsoDateTime } from './iso-date.ts';

describe('isIsoDateTime', () => {
  it.each(['2026-11-30T17:00:00Z', '2026-11-30T17:00Z', '2026-11-30T17:00:00.123Z', '2024-02-29T00:00:00+09:00', new Date(0).toISOString()])(
    'accepts %s', (s) => expect(isIsoDateTime(s)).toBe(true));
  it.each(['2026-11-30', '2026-11-30T17:00:00', '2025-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-11-30T24:00:00Z', 'yesterday', ''])(
    'rejects %s', (s) => expect(isIsoDateTime(s)).toBe(false));
});
