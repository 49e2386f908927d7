import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const committed = path.join(root, 'public', 'catalog');
const dirs = [mkdtempSync(path.join(tmpdir(), 'catalog-a-')), mkdtempSync(path.join(tmpdir(), 'catalog-b-'))];

afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('npm run catalog', () => {
  it('is deterministic: two runs and the committed files are byte-identical', { timeout: 120_000 }, () => {
    for (const dir of dirs) {
      execFileSync(process.execPath, [path.join(root, 'scripts', 'build-catalog.mjs'), dir], { cwd: root, stdio: 'pipe' });
    }
    const files = readdirSync(committed).sort();
    expect(files).toEqual(['atlas-google.png', 'atlas-twitter.png', 'catalog.json']);
    for (const dir of dirs) expect(readdirSync(dir).sort()).toEqual(files);
    for (const file of files) {
      const reference = readFileSync(path.join(committed, file));
      for (const dir of dirs) {
        // Buffer.equals, not toEqual: a byte diff in a 7 MB PNG should not print the buffers.
        expect(readFileSync(path.join(dir, file)).equals(reference), `${file} in ${dir}`).toBe(true);
      }
    }
  });
});
