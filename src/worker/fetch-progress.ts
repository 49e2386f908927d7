/**
 * Fetches several files at once and reports bytes received across all of them. `total` is
 * the sum of Content-Length headers, or null when a server omits one (or compresses, so the
 * header no longer counts what the body stream yields).
 */
export async function fetchAllWithProgress(
  fetchFn: typeof fetch,
  urls: string[],
  onProgress?: (loaded: number, total: number | null) => void,
): Promise<Uint8Array[]> {
  const responses = await Promise.all(urls.map((u) => fetchFn(u)));
  responses.forEach((res, i) => {
    if (!res.ok) throw new Error(`HTTP ${res.status} for ${urls[i]}`);
  });
  const sizes = responses.map((res) => (res.headers.get('content-encoding') ? NaN : Number(res.headers.get('content-length') ?? NaN)));
  const total = sizes.every((s) => Number.isFinite(s)) ? sizes.reduce((a, b) => a + b, 0) : null;
  let loaded = 0;
  let reported = -1;
  const report = (force = false) => {
    // About 200 updates for a whole download is smooth enough and keeps the message queue quiet.
    if (!onProgress || (!force && total !== null && loaded - reported < total / 200)) return;
    reported = loaded;
    onProgress(loaded, total === null ? null : Math.max(total, loaded));
  };
  report(true);
  const bodies = await Promise.all(responses.map(async (res) => {
    if (!res.body) {
      const bytes = new Uint8Array(await res.arrayBuffer());
      loaded += bytes.byteLength;
      report();
      return bytes;
    }
    const chunks: Uint8Array[] = [];
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      report();
    }
    return concat(chunks);
  }));
  report(true);
  return bodies;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
