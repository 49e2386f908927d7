// Run before `playwright test`: fails early, saying exactly how to get a browser.
import { findChromium, INSTALL_HINT } from './find-chromium.mjs';

const found = findChromium();
if (!found) {
  if (process.env.CHROMIUM_PATH) console.error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.\n`);
  console.error(INSTALL_HINT);
  process.exit(1);
}
console.log(`e2e browser: ${found.path ?? "Playwright's own Chromium"} (${found.source})`);
