/**
 * Decodes IEEE 754 half-precision numbers (little-endian, as numpy's "<f2" writes them) into
 * float32. The catalog embeddings ship as float16 to halve the download.
 */
export function decodeFloat16(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 2 !== 0) throw new Error(`float16 data has an odd byte length (${bytes.byteLength})`);
  const table = halfTable();
  const out = new Float32Array(bytes.byteLength / 2);
  for (let i = 0; i < out.length; i++) out[i] = table[bytes[2 * i] | (bytes[2 * i + 1] << 8)];
  return out;
}

let table: Float32Array | undefined;

/**
 * Every half-precision value as float32, built once (65,536 entries, 256 kB). Why: the catalog's
 * ~1M embedding values are decoded on the page's cold path, in the worker between the model
 * download and the first image; a lookup per value took that from 52–73 ms (`halfToFloat` per
 * value) to 7–25 ms, the first call building the table (Node, 2 cores, 3 runs).
 */
function halfTable(): Float32Array {
  if (!table) {
    table = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) table[h] = halfToFloat(h);
  }
  return table;
}

/** One half-precision bit pattern (0..65535) as a number, subnormals, infinities and NaN included. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24; // subnormal (or zero)
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}
