import { downloadBlob } from '../../components/download-blob.ts';
import type { RgbaImage } from '../../engine/image-pixels.ts';

/** Draws RGBA pixels onto a canvas of the image's own size. */
export function paintImage(canvas: HTMLCanvasElement, image: RgbaImage): void {
  canvas.width = image.width;
  canvas.height = image.height;
  // A CPU-backed canvas: a 64 px image gains nothing from the GPU, and a GPU-backed one must be
  // read back each frame where compositing is in software (no GPU, e.g. a kiosk PC): there one
  // frame with the 8 images took 35 ms of the compositor's CPU, taken from the page's main
  // thread and the worker (Chromium trace, 2 cores). willReadFrequently asks for a CPU canvas.
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return;
  // A copy: ImageData must own an ArrayBuffer-backed array, and the held pixels stay untouched.
  ctx.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
}

/** Saves an image as a PNG file through a same-origin blob URL (no network request). */
export async function savePng(image: RgbaImage, filename: string): Promise<void> {
  const canvas = document.createElement('canvas');
  paintImage(canvas, image);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the browser could not encode the PNG');
  downloadBlob(blob, filename);
}
