import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/models-location.ts';

// Conventions: one door to the runtime. Only onnx-runtime.ts imports the library; the only other
// mention allowed is ort-wasm-paths.ts taking the .wasm file's URL (an asset, not the API).
const DOOR = 'src/runtime/onnx-runtime.ts';
const WASM_ASSET = 'src/runtime/ort-wasm-paths.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|mjs|js)$/.test(name) ? [relative(ROOT, path)] : [];
  });
}

describe('one door to onnxruntime-web', () => {
  it('only src/runtime/onnx-runtime.ts imports it', () => {
    const importers = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'scripts'))].filter((file) =>
      /(from\s+|import\s*\(\s*)['"]onnxruntime-web(\/[^'"?]*)?['"]/.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(importers).toEqual([DOOR]);
  });

  it('the wasm URL module imports only the binaries, with ?url', () => {
    const text = readFileSync(join(ROOT, WASM_ASSET), 'utf8');
    expect(text.match(/['"]onnxruntime-web[^'"]*['"]/g)).toEqual([
      "'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url'",
      "'onnxruntime-web/ort-wasm-simd-threaded.wasm?url'",
    ]);
  });
});
