import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every test records each request the page makes over the whole visit and fails if any
 * leaves the origin (data: and same-origin blob: URLs stay on the device). Uncaught page
 * errors fail the test too.
 */
export const test = base.extend<{ guard: void }>({
  guard: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const offOrigin: string[] = [];
      const pageErrors: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        const local = url.protocol === 'data:' || (url.protocol === 'blob:' ? url.pathname.startsWith(origin) : url.origin === origin);
        if (!local) offOrigin.push(request.url());
      });
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await use();
      expect(offOrigin, 'requests that left the origin').toEqual([]);
      expect(pageErrors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the app and waits until stored data and the catalog are loaded. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('app-ready')).toBeVisible();
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
