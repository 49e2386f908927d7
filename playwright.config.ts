import { defineConfig, devices } from '@playwright/test';
import { findChromium, INSTALL_HINT } from './scripts/find-chromium.mjs';

// E2E_PORT lets a second checkout run its suite while another holds 4173.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const browser = findChromium();
if (!browser) throw new Error(INSTALL_HINT);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  // Two cores here: one worker keeps timings steady next to other jobs on the machine.
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'en-US',
    acceptDownloads: true,
    // The service worker precaches the whole demo (tens of MB) in every fresh context; specs
    // about offline use turn it on with test.use({ serviceWorkers: 'allow' }).
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: browser.path,
          args: [
            '--no-sandbox',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--enable-unsafe-webgpu',
          ],
        },
      },
    },
  ],
  // The production build, served the way `npm start` serves it.
  webServer: {
    command: `npm run build && npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
