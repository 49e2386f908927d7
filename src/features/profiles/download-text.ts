import { downloadBlob } from '../../components/download-blob.ts';

/** Saves text as a file through a same-origin blob URL (no network request). */
export function downloadText(filename: string, text: string, type = 'application/json'): void {
  downloadBlob(new Blob([text], { type }), filename);
}

/** A file name from a profile name: letters and digits of any script kept, the rest dashed. */
export function ratingsFileName(profile: string): string {
  const base = profile.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  return `${base || 'profile'}.ratings.json`;
}
