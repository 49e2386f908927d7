// npm run bench [-- --quick] [--webgpu-only | --skip-webgpu | --app-only] [--repeats N] [--tax-pairs N] [--out FILE] [--note TEXT] [--models DIR]
// Measures bytes, latency (Node and Chromium), the browser tax, page open → first image and
// main-thread long tasks; prints the table and writes BENCHMARKS.md. See BENCHMARKS.md "Running it".
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { modelFiles } from '../../src/engine/model-manifest.ts';
import { readManifest } from '../load-models.ts';
import { modelsDir, ROOT } from '../models-location.ts';
import { appFirstImage, launchChromium, pageLatency, type PageConfig, type PageLatency } from './browser-bench.ts';
import { assetBytes } from './bytes.ts';
import { currentLoad, machineInfo } from './machine.ts';
import type { NodeLatencyResult } from './node-latency.ts';
import { stepsSweep } from './quality.ts';
import { renderAppOnly, renderReport, type BenchResults, type NodeOutcome, type TaxPair } from './report.ts';
import { APP_OUT, APP_PORT, buildApp, buildBenchPage, PAGE_PORT, serveApp, serveBenchPage } from './servers.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'webgpu-only': { type: 'boolean', default: false },
    // SwiftShader's WebGPU (CPU-emulated) takes ~10 min of a full run and says nothing about a GPU.
    'skip-webgpu': { type: 'boolean', default: false },
    // Only page open → first image in the app (cold and warm, --repeats runs each): for A/B runs
    // of a start-up change. Prints that section; writes a file only with --out.
    'app-only': { type: 'boolean', default: false },
    repeats: { type: 'string' },
    out: { type: 'string' },
    note: { type: 'string' },
    models: { type: 'string' },
    // Pairs of back-to-back 1-thread runs (onnxruntime-node, then Chromium WASM, or the other way
    // round) that the 1-thread browser tax is read from (report.ts, taxReading); 0 skips them.
    'tax-pairs': { type: 'string' },
  },
});
const quick = values.quick!;
const webgpuOnly = values['webgpu-only']!;
const skipWebgpu = values['skip-webgpu']!;
const appOnly = values['app-only']!;
if (webgpuOnly && skipWebgpu) throw new Error('--webgpu-only and --skip-webgpu exclude each other');
const repeats = Number(values.repeats ?? (quick ? 1 : 5));
if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`--repeats must be a positive integer, not "${values.repeats}"`);
const counts = quick ? [1, 8] : [1, 8, 32];
const taxPairCount = Number(values['tax-pairs'] ?? (quick ? 1 : 5));
if (!Number.isInteger(taxPairCount) || taxPairCount < 0) throw new Error(`--tax-pairs must be a whole number, not "${values['tax-pairs']}"`);
const out = resolve(ROOT, values.out ?? (webgpuOnly ? 'BENCHMARKS-webgpu.md' : 'BENCHMARKS.md'));
const dir = values.models ? resolve(values.models) : modelsDir();
// A process that never answers (e.g. a thread pool that deadlocks) is reported, not waited on forever.
const NODE_TIMEOUT_MS = (quick ? 5 : 20) * 60_000;
const log = (line: string) => console.error(`[bench] ${line}`);

/** Runs node-latency.ts in its own process (the WASM thread count is fixed per process). */
function nodeRun(label: string, runtime: 'web' | 'native', threads: number, sizes = counts): Promise<NodeOutcome> {
  log(`Node: ${label}, ${threads} thread(s), ${sizes.join(', ')} item(s)`);
  const args = ['tsx', 'scripts/bench/node-latency.ts', '--runtime', runtime, '--threads', String(threads), '--counts', sizes.join(','), '--repeats', String(repeats), '--models', dir];
  return new Promise((done) => {
    const child = spawn('npx', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), NODE_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith('BENCH-RESULT '));
      if (line) return done({ label, ok: true, result: JSON.parse(line.slice('BENCH-RESULT '.length)) as NodeLatencyResult });
      const why = code === null ? `no answer within ${NODE_TIMEOUT_MS / 60_000} min` : (stderr.trim().split('\n').find((l) => /error/i.test(l)) ?? stderr.trim().split('\n').pop() ?? `exit ${code}`);
      done({ label, ok: false, error: why.slice(0, 300) });
    });
  });
}

async function main(): Promise<void> {
  const machine = machineInfo();
  const manifest = await readManifest(dir);
  // trainedSteps and config are informative extras of the export, not part of the typed manifest.
  const raw = JSON.parse(await readFile(resolve(dir, 'manifest.json'), 'utf8')) as { prior?: { trainedSteps?: number; config?: { width?: number; depth?: number } } };
  const c = raw.prior?.config;
  const prior = `prior trained ${raw.prior?.trainedSteps ?? '?'} steps${c ? ` (width ${c.width}, depth ${c.depth})` : ''}, schedule ${manifest.prior.schedule.name}, ${manifest.prior.schedule.defaultSteps} DDIM steps by default`;
  const results: BenchResults = {
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    machine,
    loadAtEnd: NaN,
    note: values.note,
    counts,
    repeats,
    steps: manifest.prior.schedule.defaultSteps,
    modelsDir: dir.startsWith(ROOT) ? dir.slice(ROOT.length + 1) : dir,
    prior,
    node: [],
    page: [],
    sweep: stepsSweep(),
    webgpuOnly,
  };

  if (dir !== modelsDir() && dir !== resolve(ROOT, 'public/models')) log('note: the Chromium figures always use public/models (what the app ships)');
  if (appOnly) return appFirstImageOnly(results);
  log('building the app and the bench page');
  await buildApp();
  await buildBenchPage();
  const app = await serveApp();
  const benchPage = await serveBenchPage();
  const browser = await launchChromium(true);
  try {
    results.chromium = browser.version();
    log('bytes');
    const files = [...Object.values(modelFiles(manifest)), 'manifest.json', manifest.autoencoder.catalogEmbeddings.file];
    results.assets = await assetBytes(APP_OUT, `http://127.0.0.1:${APP_PORT}`, files, webgpuOnly ? 'webgpu' : 'wasm');

    const webgpu: PageConfig = { label: 'webgpu, Chromium', backend: 'webgpu', threads: 1 };
    const pageRun = async (config: PageConfig) => {
      log(`Chromium bench page: ${config.label}, ${config.threads} thread(s)`);
      results.page.push(await pageLatency(browser, `http://127.0.0.1:${PAGE_PORT}`, config, counts, repeats));
    };
    const wasmConfigs: PageConfig[] = webgpuOnly ? [] : [
      { label: 'wasm, Chromium', backend: 'wasm', threads: 1 },
      { label: 'wasm, Chromium', backend: 'wasm', threads: 2 },
    ];
    for (const config of wasmConfigs) await pageRun(config);
    log('Chromium app: page open → first image');
    const cold = quick ? 1 : Math.max(repeats, 5);
    // A browser of its own: when this step ran after the SwiftShader runs (a timed-out 32-item
    // batch kept the GPU process busy or wedged), the shared browser's new pages stopped painting
    // and it waited with the CPU idle until it was killed.
    const appBrowser = await launchChromium(webgpuOnly);
    try {
      results.app = await appFirstImage(appBrowser, `http://127.0.0.1:${APP_PORT}`, webgpuOnly ? 'webgpu' : 'wasm', cold, cold, cold);
    } finally {
      await appBrowser.close();
    }
    // Node last: a failure in the browser stages shows within minutes, not after the slow Node runs.
    if (!webgpuOnly) {
      results.node.push(await nodeRun('Node, onnxruntime-web WASM', 'web', 1));
      results.node.push(await nodeRun('Node, onnxruntime-web WASM', 'web', 2));
      results.node.push(await nodeRun('onnxruntime-node (native CPU)', 'native', 1));
      results.node.push(await nodeRun('onnxruntime-node (native CPU)', 'native', 2));
      results.taxPairs = await taxPairs(browser);
    }
    // WebGPU last: on SwiftShader, Chromium's GPU process kept both cores busy after its runs and
    // slowed every CPU figure measured after it (2026-12-07: onnxruntime-node's 8 items took 100 ms
    // after it, 79 ms in a run without it).
    if (webgpuOnly || !skipWebgpu) await pageRun(webgpu);
  } finally {
    await browser.close();
    await app.close();
    await benchPage.close();
  }
  results.loadAtEnd = currentLoad();
  const report = renderReport(results);
  console.log(report);
  await writeFile(out, report);
  log(`wrote ${out}`);
}

/**
 * The 1-thread browser tax (the stricter reading beside the target's, report.ts): 1-thread, 8-item generate() in onnxruntime-node and in
 * Chromium's WASM, run back to back in pairs, the order alternating, and the ratio taken within
 * each pair. Why: this host's speed drifts by up to ~30% within minutes, and the two figures of
 * the main tables are taken several minutes apart — five full runs of the same code on
 * 2026-12-07 read the tax at 2.43–3.48×. A pair's two figures share the host's state of the moment.
 */
async function taxPairs(browser: Awaited<ReturnType<typeof launchChromium>>): Promise<TaxPair[]> {
  const pairs: TaxPair[] = [];
  const page: PageConfig = { label: 'wasm, Chromium', backend: 'wasm', threads: 1 };
  for (let i = 0; i < taxPairCount; i++) {
    const nativeFirst = i % 2 === 0;
    log(`browser tax pair ${i + 1} of ${taxPairCount} (${nativeFirst ? 'native first' : 'Chromium first'})`);
    const runNative = () => nodeRun('onnxruntime-node (native CPU)', 'native', 1, [8]);
    const runPage = () => pageLatency(browser, `http://127.0.0.1:${PAGE_PORT}`, page, [8], repeats);
    let native: NodeOutcome;
    let chromium: PageLatency;
    if (nativeFirst) {
      native = await runNative();
      chromium = await runPage();
    } else {
      chromium = await runPage();
      native = await runNative();
    }
    const n = native.ok ? native.result.generate['8'] : undefined;
    const c = chromium.generate['8'];
    if (!n || !c) {
      log(`browser tax pair ${i + 1}: ${native.ok ? chromium.error ?? 'no Chromium figure' : native.error}`);
      continue;
    }
    pairs.push({ nativeFirst, native: n, chromium: c, ratio: c.median / n.median });
  }
  return pairs;
}

/** --app-only: build and serve the app, time page open → first image, print that section. */
async function appFirstImageOnly(results: BenchResults): Promise<void> {
  log('building the app');
  await buildApp();
  const app = await serveApp();
  const browser = await launchChromium(false);
  try {
    results.chromium = browser.version();
    log(`Chromium app: page open → first image, ${repeats} cold + ${repeats} warm`);
    results.app = await appFirstImage(browser, `http://127.0.0.1:${APP_PORT}`, 'wasm', repeats, repeats, 0);
  } finally {
    await browser.close();
    await app.close();
  }
  results.loadAtEnd = currentLoad();
  const section = renderAppOnly(results);
  console.log(section);
  if (values.out) await writeFile(out, section);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
