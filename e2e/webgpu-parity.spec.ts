import { createServer, type ViteDevServer } from 'vite';
import { resolve } from 'node:path';
import { ROOT } from '../scripts/models-location.ts';
import { PARITY_TOLERANCE } from '../scripts/parity/fixture.ts';
import type { ParityResult } from '../scripts/parity/page/parity-page.ts';
import { expect, test } from './fixtures.ts';
import { launchWith } from './generation-helpers.ts';

// Each network, in the browser, on WebGPU (headless Chromium: a SwiftShader adapter) and on
// WASM, against PyTorch's outputs in the parity fixtures. The page-vs-CLI generation tests find
// that WebGPU images differ; this says which network, by how much. The page is served by its own
// Vite dev server (scripts/parity), apart from the app.
let server: ViteDevServer;
let pageUrl: string;

test.beforeAll(async () => {
  server = await createServer({ configFile: resolve(ROOT, 'scripts/parity/vite.parity.config.ts'), server: { port: 0 } });
  await server.listen();
  pageUrl = server.resolvedUrls!.local[0];
});

test.afterAll(async () => {
  await server?.close();
});

// WebGPU on (SwiftShader). The fixture guard allows requests to baseURL's origin only, and this
// page has its own.
test.use({ launchOptions: launchWith(true), baseURL: async ({}, use) => use(pageUrl) });

for (const backend of ['webgpu', 'wasm'] as const) {
  test(`every network on ${backend} in the browser is within ${PARITY_TOLERANCE} of PyTorch`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto(pageUrl);
    await expect(page.locator('body[data-ready="true"]')).toBeAttached({ timeout: 120_000 });
    const results = await page.evaluate((b) => (window as unknown as { parity: (b: string) => Promise<ParityResult[]> }).parity(b), backend);
    expect(results.map((r) => r.fixture)).toEqual(expect.arrayContaining(['decoder.json', 'denoiser.json', 'user-encoder.json']));
    for (const r of results) {
      expect(r.backend.name, `${r.model} ran on`).toBe(backend);
      for (const o of r.outputs) {
        expect(o.dims, `${r.model} ${o.name} shape`).toEqual(o.expectedDims);
        expect(o.maxDiff, `${r.model} ${o.name} on ${backend}: max |ONNX − PyTorch|`).toBeLessThanOrEqual(PARITY_TOLERANCE);
      }
    }
    console.log(results.map((r) => `${backend} ${r.model}: ${r.outputs.map((o) => `${o.name} ${o.maxDiff.toExponential(1)}`).join(', ')}`).join('\n'));
  });
}
