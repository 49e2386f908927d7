import { describe, expect, it } from 'vitest';
import { compareOutputs, fixtureFeeds, type ParityFixture } from './fixture.ts';

const b64 = (values: number[]) => Buffer.from(new Float32Array(values).buffer).toString('base64');

const fixture: ParityFixture = {
  model: 'net.onnx',
  feeds: { x: { dims: [1, 2], data: b64([0.5, -2]) } },
  expected: { y: { dims: [2], data: b64([1, 2]) } },
  int64Feeds: { rating: { dims: [2], data: [1, 2] } },
};

describe('parity fixtures', () => {
  it('decodes float32 and int64 feeds', () => {
    const feeds = fixtureFeeds(fixture);
    expect([...(feeds.x.data as Float32Array)]).toEqual([0.5, -2]);
    expect(feeds.x.dims).toEqual([1, 2]);
    expect([...(feeds.rating.data as BigInt64Array)]).toEqual([1n, 2n]);
  });

  it('reports the largest difference', () => {
    const [c] = compareOutputs(fixture, { y: { data: new Float32Array([1.25, 2]), dims: [2] } });
    expect(c.maxDiff).toBeCloseTo(0.25, 6);
  });

  it('counts a NaN, a wrong shape or a missing output as a failure, never as a match', () => {
    expect(compareOutputs(fixture, { y: { data: new Float32Array([NaN, 2]), dims: [2] } })[0].maxDiff).toBe(Infinity);
    expect(compareOutputs(fixture, { y: { data: new Float32Array([1, 2]), dims: [1, 2] } })[0].maxDiff).toBe(Infinity);
    expect(compareOutputs(fixture, {})[0].maxDiff).toBe(Infinity);
  });
});
