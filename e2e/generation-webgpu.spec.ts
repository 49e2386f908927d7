import { expect, openApp, test } from './fixtures.ts';
import { rateAndGenerate } from './generation-cases.ts';
import { launchWith, likeCards, openForYou, waitForBatch } from './generation-helpers.ts';

// Generation in the page, against the production build: the models in public/models (copied
// into the build), the worker, onnxruntime-web on WebGPU (headless Chromium: a SwiftShader adapter).
// The service worker is blocked so every model request reaches the server (and can be routed
// to simulate faults).
test.use({ serviceWorkers: 'block', launchOptions: launchWith(true) });

rateAndGenerate('webgpu');

test('the GPU device lost during generation: falls back to WASM, says so, and still delivers', async ({ page }) => {
  test.setTimeout(720_000);
  // The flag makes the worker destroy its WebGPU device in the middle of the first batch.
  await openApp(page, '/?fault=gpu-device-loss');
  await likeCards(page, 5);
  await page.getByTestId('tab-for-you').click();
  await waitForBatch(page);
  const notice = page.getByTestId('backend-notice');
  await expect(notice).toHaveAttribute('data-kind', 'gpu-failed');
  await expect(notice).toContainText(/WebGPU device was lost.*switched to WASM/);
  await expect(page.getByTestId('backend-label')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('generated-batch')).toHaveAttribute('data-backend', 'wasm');
});

test('?backend=wasm forces WASM and says why; the setting switches to WebGPU', async ({ page }) => {
  test.setTimeout(540_000);
  await openApp(page, '/?backend=wasm');
  await openForYou(page);
  await expect(page.getByTestId('backend-label')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('backend-label')).toContainText('WASM was requested');
  await page.getByTestId('backend-select').selectOption('webgpu');
  await expect(page.getByTestId('backend-label')).toHaveAttribute('data-backend', 'webgpu', { timeout: 300_000 });
  await expect(page.getByTestId('models-ready')).toBeVisible({ timeout: 300_000 });
});
