/** A short text for an unknown thrown value (IndexedDB throws DOMExceptions, tests throw Errors). */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}
