/** One decoded image as straight-alpha RGBA bytes, row-major: what ImageData and PNG want. */
export interface RgbaImage {
  width: number;
  height: number;
  /** width * height * 4 bytes. */
  data: Uint8ClampedArray;
}

/**
 * Image `index` of a decoder batch (NCHW, 4 channels, premultiplied RGBA in [0, 1]) to straight
 * alpha RGBA bytes. Colour is un-premultiplied (C / A) after clamping, since canvases and PNG
 * store straight alpha; fully transparent pixels get colour 0 so the file carries no noise.
 */
export function premultipliedToRgba(batch: Float32Array, index: number, height: number, width: number): RgbaImage {
  const plane = height * width;
  const base = index * 4 * plane;
  if (base + 4 * plane > batch.length) throw new Error(`image ${index} is outside a batch of ${batch.length} values`);
  const data = new Uint8ClampedArray(plane * 4);
  for (let p = 0; p < plane; p++) {
    const alpha = clamp01(batch[base + 3 * plane + p]);
    const a8 = Math.round(alpha * 255);
    data[4 * p + 3] = a8;
    if (a8 === 0) continue;
    for (let c = 0; c < 3; c++) data[4 * p + c] = Math.round(clamp01(clamp01(batch[base + c * plane + p]) / alpha) * 255);
  }
  return { width, height, data };
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x; // NaN falls through as NaN and is stored as 0 by the clamped array
}
