import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCatalog, type Catalog } from '../src/engine/catalog.ts';
import { decodeFloat16 } from '../src/engine/float16.ts';
import { catalogIndexFor, type GenerationModels } from '../src/engine/generate.ts';
import { modelFiles, parseModelManifest, type ModelManifest, type ModelName } from '../src/engine/model-manifest.ts';
import { createOnnxRuntime, type OnnxRuntime } from '../src/runtime/onnx-runtime.ts';
import { ROOT } from './models-location.ts';

export interface NodeModels extends GenerationModels {
  runner: OnnxRuntime;
  catalogFile: Catalog;
}

/** Reads and checks manifest.json of a models folder. */
export async function readManifest(dir: string): Promise<ModelManifest> {
  const path = join(dir, 'manifest.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new Error(`no models export at ${dir}: ${path} cannot be read`);
  }
  return parseModelManifest(JSON.parse(text));
}

/**
 * Loads an export from disk for Node (CLI and tests): the same engine and runtime door as the
 * page, with single-threaded WASM so results do not depend on the machine's core count.
 */
export async function loadModels(dir: string, catalogPath = join(ROOT, 'public/catalog/catalog.json')): Promise<NodeModels> {
  const manifest = await readManifest(dir);
  const catalogFile = parseCatalog(JSON.parse(await readFile(catalogPath, 'utf8')));
  const files = modelFiles(manifest);
  const bytes = {} as Record<ModelName, Uint8Array>;
  for (const [name, file] of Object.entries(files) as [ModelName, string][]) bytes[name] = new Uint8Array(await readFile(join(dir, file)));
  const embeddings = decodeFloat16(new Uint8Array(await readFile(join(dir, manifest.autoencoder.catalogEmbeddings.file))));
  const catalog = catalogIndexFor(manifest, embeddings, catalogFile.items.map((i) => i.id));
  const runner = await createOnnxRuntime(bytes, { backend: 'wasm', numThreads: 1 });
  return { manifest, runner, catalog, catalogFile };
}
