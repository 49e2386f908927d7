import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Imported text (profile names, file contents) is only ever rendered as text: React escapes it,
// and no code in src/ hands a string to an HTML parser. e2e/security.spec.ts checks the page.
const SINKS = /dangerouslySetInnerHTML|\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser/;
const SRC = new URL('..', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('no HTML sinks in src/', () => {
  const files = sources(SRC);
  it('finds the sources', () => expect(files.length).toBeGreaterThan(30));
  it('none of them parses a string as HTML', () => {
    const offenders = files.filter((f) => SINKS.test(readFileSync(f, 'utf8'))).map((f) => f.slice(SRC.length));
    expect(offenders).toEqual([]);
  });
});
