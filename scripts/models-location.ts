import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, whatever the working directory. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The models folder tests and tools use: $MODELS_DIR, else public/models. CI points MODELS_DIR
 * at a fresh smoke export (bash models/retrain-*.sh --smoke DIR → DIR/models).
 */
export function modelsDir(): string {
  return resolve(ROOT, process.env.MODELS_DIR || 'public/models');
}

/**
 * Parity fixtures for a models folder: $FIXTURES_DIR, else a `fixtures` folder beside it (the
 * smoke layout), else models/fixtures (where the real export writes them).
 */
export function fixturesDir(models = modelsDir()): string {
  if (process.env.FIXTURES_DIR) return resolve(ROOT, process.env.FIXTURES_DIR);
  const sibling = join(dirname(models), 'fixtures');
  return existsSync(sibling) ? sibling : join(ROOT, 'models', 'fixtures');
}

/** True when `dir` holds an export; tests skip (saying so) only when it does not. */
export function hasManifest(dir = modelsDir()): boolean {
  return existsSync(join(dir, 'manifest.json'));
}

/** The reason printed by a skipped model test. */
export function skipReason(dir = modelsDir()): string {
  return `no models export at ${dir} (manifest.json missing): set MODELS_DIR to an export, e.g. a smoke one from models/retrain-*.sh --smoke`;
}
