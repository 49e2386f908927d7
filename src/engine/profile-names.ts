import { MAX_PROFILE_NAME } from './ratings-file.ts';

/** Trims and caps a profile name; returns null for a name that is empty after trimming. */
export function cleanProfileName(name: string): string | null {
  const trimmed = name.trim().slice(0, MAX_PROFILE_NAME);
  return trimmed.length > 0 ? trimmed : null;
}

/** `name`, or `name (2)`, `name (3)` … — the first that no existing profile uses. */
export function uniqueProfileName(name: string, existing: readonly string[]): string {
  const taken = new Set(existing);
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) {
    const candidate = `${name} (${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The next anonymous name: `<prefix> N` with N one above the highest in use. */
export function nextVisitorName(prefix: string, existing: readonly string[]): string {
  let highest = 0;
  for (const name of existing) {
    if (!name.startsWith(prefix + ' ')) continue;
    const n = Number(name.slice(prefix.length + 1));
    if (Number.isInteger(n) && n > highest) highest = n;
  }
  return `${prefix} ${highest + 1}`;
}
