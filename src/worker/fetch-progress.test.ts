import { describe, expect, it } from 'vitest';
import { fetchAllWithProgress } from './fetch-progress.ts';

function fakeFetch(files: Record<string, Uint8Array<ArrayBuffer>>, headers: Record<string, string> = {}): typeof fetch {
  return (async (url: string) => {
    const body = files[url];
    if (!body) return new Response('missing', { status: 404 });
    return new Response(body, { headers: { 'content-length': String(body.byteLength), ...headers } });
  }) as typeof fetch;
}

describe('fetchAllWithProgress', () => {
  it('returns every body and reports bytes against the summed Content-Length', async () => {
    const files = { 'http://x/a': new Uint8Array(1000).fill(1), 'http://x/b': new Uint8Array(3000).fill(2) };
    const seen: [number, number | null][] = [];
    const [a, b] = await fetchAllWithProgress(fakeFetch(files), ['http://x/a', 'http://x/b'], (l, t) => seen.push([l, t]));
    expect(a).toEqual(files['http://x/a']);
    expect(b).toEqual(files['http://x/b']);
    expect(seen[0]).toEqual([0, 4000]);
    expect(seen.at(-1)).toEqual([4000, 4000]);
    expect(seen.every(([l], i) => i === 0 || l >= seen[i - 1][0])).toBe(true);
  });

  it('has no total for compressed responses', async () => {
    const seen: (number | null)[] = [];
    await fetchAllWithProgress(fakeFetch({ 'http://x/a': new Uint8Array(10) }, { 'content-encoding': 'gzip' }), ['http://x/a'], (_, t) => seen.push(t));
    expect(seen.every((t) => t === null)).toBe(true);
  });

  it('names the file that failed', async () => {
    await expect(fetchAllWithProgress(fakeFetch({}), ['http://x/decoder.onnx'])).rejects.toThrow('HTTP 404 for http://x/decoder.onnx');
  });
});
