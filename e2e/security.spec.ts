import { readFileSync } from 'node:fs';
import { expect, expectCounts, exportRatings, importText, openApp, rateWithKeys, test, waitForOffline, watchCsp } from './fixtures.ts';

test('the policy is sent as a header and in the page, without unsafe-eval', async ({ request }) => {
  const response = await request.get('/');
  const headers = response.headers();
  const header = headers['content-security-policy'];
  expect(header).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(header).toContain("connect-src 'self'");
  expect(header).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
  const html = await response.text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1].replaceAll('&#39;', "'");
  expect(meta).toBeDefined();
  // The same policy; frame-ancestors only works as a header.
  expect(`${meta}; frame-ancestors 'none'`).toBe(header);
  // Every file is served with the isolation headers (a worker or wasm without them would be blocked).
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
  expect((await request.get(asset)).headers()['cross-origin-embedder-policy']).toBe('require-corp');
});

test('the policy is enforced: eval and inline scripts are refused and reported', async ({ browser, baseURL }) => {
  // A context of its own: the shared guard would (rightly) fail on the violations provoked here.
  const context = await browser.newContext({ baseURL });
  await watchCsp(context);
  const page = await context.newPage();
  await openApp(page);
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  // Both run by the page itself (code evaluated by the test driver is exempt from CSP).
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { viaEval?: number; viaInline?: number };
    setTimeout('window.viaEval = 1', 0);
    const script = document.createElement('script');
    script.textContent = 'window.viaInline = 1';
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { viaEval: w.viaEval ?? null, viaInline: w.viaInline ?? null };
  });
  expect(ran).toEqual({ viaEval: null, viaInline: null });
  const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  expect(violations).toContain('CSP violation: script-src blocked eval');
  expect(violations).toContain('CSP violation: script-src-elem blocked inline');
  await context.close();
});

test.describe('a whole scripted visit', () => {
  test.use({ serviceWorkers: 'allow' });
  test('runs under the policy, cross-origin isolated, and nothing leaves the origin', async ({ page }) => {
    test.setTimeout(120_000);
    // The guard fixture fails this test on any CSP violation, page error or off-origin request.
    await openApp(page);
    expect(await page.evaluate(() => ({ isolated: window.crossOriginIsolated, sab: typeof SharedArrayBuffer }))).toEqual({
      isolated: true,
      sab: 'function',
    });
    await waitForOffline(page);
    await rateWithKeys(page, 8, (i) => i % 3 !== 0);
    await page.getByTestId('tab-grid').click();
    await page.getByTestId('grid-category').selectOption('Food & Drink');
    await page.getByTestId('grid-cell').first().click();
    for (const tab of ['for-you', 'profiles', 'settings', 'about', 'deck']) {
      await page.getByTestId(`tab-${tab}`).click();
      await expect(page.getByTestId(`panel-${tab}`)).toBeVisible();
    }
    const exported = await exportRatings(page);
    await importText(page, exported.text);
    await expect(page.getByTestId('import-success')).toBeVisible();
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('kiosk-toggle').check();
    await page.getByTestId('kiosk-toggle').uncheck();
    await page.getByTestId('language-select').selectOption('ja');
    await page.getByTestId('language-select').selectOption('en');
    await page.getByTestId('new-visitor').click();
    await expectCounts(page, 0, 0);
    await page.reload();
    await expect(page.getByTestId('app-ready')).toBeVisible();
  });
});

test('imported text is shown as text, never run as HTML', async ({ page }) => {
  const name = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
  const file = {
    format: 'beyond-catalog.ratings',
    version: 1,
    profile: name,
    ratings: [{ item: JSON.parse(readFileSync(new URL('../public/catalog/catalog.json', import.meta.url), 'utf8')).items[0].id, rating: 'like', at: '2026-11-30T17:00:00Z' }],
  };
  await openApp(page);
  await importText(page, JSON.stringify(file));
  await expect(page.getByTestId('import-success')).toContainText(name);
  await expect(page.getByTestId('active-profile-name')).toHaveText(name);
  await expect(page.getByTestId('profile-name').filter({ hasText: name })).toHaveCount(1);
  await page.getByTestId('tab-deck').click();
  await page.reload();
  await expect(page.getByTestId('active-profile-name')).toHaveText(name);
  expect(
    await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      injected: document.querySelectorAll('img[src="x"], b').length,
    })),
  ).toEqual({ pwned: null, injected: 0 });
  // A rejected file's own text shows up in messages as text too.
  await importText(page, JSON.stringify({ ...file, profile: 5, ratings: [{ item: '<script>alert(1)</script>', rating: 'like', at: 'x' }] }));
  await expect(page.getByTestId('import-error')).toContainText('unknown item "<script>alert(1)</script>"');
  expect(await page.evaluate(() => document.querySelectorAll('script:not([src])').length)).toBe(0);
});
