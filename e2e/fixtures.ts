import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

/**
 * Reports Content-Security-Policy violations as console errors (and keeps them on the page
 * as `__cspViolations`), so a test can fail on any — including ones in pages already closed.
 */
export async function watchCsp(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __cspViolations: string[] }).__cspViolations = []);
    document.addEventListener('securitypolicyviolation', (e) => {
      const text = `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`;
      seen.push(text);
      console.error(text);
    });
  });
}

/**
 * Every test records each request its browser context makes (every page, and the service
 * worker) over the whole visit and fails if any leaves the origin (data: and same-origin
 * blob: URLs stay on the device). Uncaught page errors and CSP violations fail the test too.
 */
export const test = base.extend<{ guard: void }>({
  guard: [
    async ({ context, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const offOrigin: string[] = [];
      const pageErrors: string[] = [];
      const cspViolations: string[] = [];
      await watchCsp(context);
      context.on('request', (request) => {
        const url = new URL(request.url());
        const local = url.protocol === 'data:' || (url.protocol === 'blob:' ? url.pathname.startsWith(origin) : url.origin === origin);
        if (!local) offOrigin.push(request.url());
      });
      const watch = (page: Page) => {
        page.on('pageerror', (error) => pageErrors.push(error.message));
        page.on('console', (message) => {
          const text = message.text();
          if (message.type() === 'error' && /CSP violation|Content Security Policy/.test(text)) cspViolations.push(text);
        });
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use();
      expect(offOrigin, 'requests that left the origin').toEqual([]);
      expect(pageErrors, 'uncaught errors in the page').toEqual([]);
      expect(cspViolations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Opens the app and waits until stored data and the catalog are loaded (generously: a busy
 * machine, or the app waiting out an IndexedDB that never answers, takes a while).
 */
export async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId('app-ready')).toBeVisible({ timeout: 30_000 });
}

/** Waits until the service worker has stored the demo and controls the page. */
export async function waitForOffline(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

export async function counts(page: Page): Promise<{ like: number; dislike: number }> {
  return {
    like: Number(await page.getByTestId('count-like').textContent()),
    dislike: Number(await page.getByTestId('count-dislike').textContent()),
  };
}

export async function expectCounts(page: Page, like: number, dislike: number): Promise<void> {
  await expect(page.getByTestId('count-like')).toHaveText(String(like));
  await expect(page.getByTestId('count-dislike')).toHaveText(String(dislike));
}

/**
 * Rates `n` deck cards with the arrow keys, following `pattern` (true = like), and returns
 * the item ids with the values given, in order.
 */
export async function rateWithKeys(page: Page, n: number, pattern: (i: number) => boolean): Promise<[string, 'like' | 'dislike'][]> {
  await page.getByTestId('tab-deck').click();
  const card = page.getByTestId('deck-card');
  const rated: [string, 'like' | 'dislike'][] = [];
  for (let i = 0; i < n; i++) {
    const id = (await card.getAttribute('data-item-id'))!;
    const like = pattern(i);
    await page.keyboard.press(like ? 'ArrowRight' : 'ArrowLeft');
    await expect(card).not.toHaveAttribute('data-item-id', id);
    rated.push([id, like ? 'like' : 'dislike']);
  }
  return rated;
}

/** The exported ratings file of the active profile, parsed. */
export async function exportRatings(page: Page): Promise<{ text: string; file: any }> {
  await page.getByTestId('tab-profiles').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return { text, file: JSON.parse(text) };
}

/** Imports text as a ratings file through the file input. */
export async function importText(page: Page, text: string, name = 'ratings.json'): Promise<void> {
  await page.getByTestId('tab-profiles').click();
  await page.getByTestId('import-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}
