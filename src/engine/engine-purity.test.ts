import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The engine must stay runnable in Node, a worker and the CLI: no UI, storage or runtime imports.
const FORBIDDEN = /from\s+['"](react|react-dom|zustand|idb-keyval|onnxruntime-web)(\/[^'"]*)?['"]/;

describe('src/engine purity', () => {
  const files = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  it.each(files)('%s imports no React, DOM storage or runtime', (file) => {
    const text = readFileSync(new URL(file, import.meta.url), 'utf8');
    expect(text).not.toMatch(FORBIDDEN);
    expect(text).not.toMatch(/\b(document|window|localStorage|indexedDB)\./);
  });
});
