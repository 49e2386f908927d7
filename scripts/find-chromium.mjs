// Finds a Chromium for Playwright: $CHROMIUM_PATH, then the Debian package, then Playwright's
// own download (`npx playwright install chromium`). Shared by playwright.config.ts and
// scripts/check-browser.mjs so both agree on which browser the tests use.
import fs from 'node:fs';
import { chromium } from '@playwright/test';

export const INSTALL_HINT = [
  'No Chromium found for the end-to-end tests. Get one with:',
  '',
  '    apt-get install -y chromium        (Debian/Ubuntu, as root; the CI script does this)',
  '',
  'or point CHROMIUM_PATH at a Chromium/Chrome binary, or run: npx playwright install chromium',
].join('\n');

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * @returns {{ path: string | undefined, source: string } | null} the browser to launch
 *   (`path` undefined means Playwright's own build), or null when none is available.
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fs.existsSync(fromEnv) ? { path: fromEnv, source: 'CHROMIUM_PATH' } : null;
  for (const candidate of SYSTEM_CANDIDATES) {
    if (fs.existsSync(candidate)) return { path: candidate, source: 'system' };
  }
  try {
    const own = chromium.executablePath();
    if (own && fs.existsSync(own)) return { path: undefined, source: 'playwright' };
  } catch {
    // Playwright throws when its browsers were never installed.
  }
  return null;
}
