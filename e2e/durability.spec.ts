import type { BrowserContext, Page } from '@playwright/test';
import { expect, exportRatings, openApp, test } from './fixtures.ts';

// Fault test: a page is closed the moment a rating is acknowledged (the counter shows it, which
// happens only after IndexedDB reported the write complete), ROUNDS times; every page opened
// after that must show every acknowledged rating. README "Reliability" quotes its numbers.
const ROUNDS = Number(process.env.DURABILITY_ROUNDS ?? 200);
// Pages open at once in the one context: while one rates and closes, the next ones load.
const POOL = Number(process.env.DURABILITY_POOL ?? 3);

// Tracing records every action of hundreds of pages: several times slower, and not needed here.
test.use({ trace: 'off' });

const likeCount = async (page: Page) => Number(await page.getByTestId('count-like').textContent());

test(`${ROUNDS} times: rate, see it acknowledged, close at once, reopen → nothing lost`, async ({ context }) => {
  test.setTimeout(60_000 + ROUNDS * 2_500);
  const acknowledged: string[] = [];
  const lateOpens: string[] = [];
  /** Opens a page; what it loads from storage must hold every rating acknowledged before it opened. */
  const open = async (ctx: BrowserContext) => {
    const before = acknowledged.length;
    const page = await ctx.newPage();
    await openApp(page);
    const loaded = await likeCount(page);
    if (loaded < before) lateOpens.push(`opened after ${before} acknowledged ratings, showed ${loaded}`);
    return page;
  };

  const started = Date.now();
  const pool = Array.from({ length: POOL }, () => open(context));
  for (let round = 0; round < ROUNDS; round++) {
    const page = await pool[round % POOL];
    // Pages opened earlier caught up with later ratings through the other tabs' messages.
    await expect(page.getByTestId('count-like')).toHaveText(String(acknowledged.length));
    const card = page.getByTestId('deck-card');
    const item = (await card.getAttribute('data-item-id'))!;
    expect(acknowledged).not.toContain(item);
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('count-like')).toHaveText(String(acknowledged.length + 1));
    acknowledged.push(item);
    await page.close();
    pool[round % POOL] = open(context);
  }
  await Promise.all(pool.map(async (p) => (await p).close()));
  const seconds = (Date.now() - started) / 1000;

  const last = await context.newPage();
  await openApp(last);
  const { file } = await exportRatings(last);
  const stored: string[] = file.ratings.map((r: { item: string }) => r.item);
  expect(lateOpens).toEqual([]);
  expect(stored).toEqual(acknowledged);
  console.log(`durability: ${ROUNDS} pages closed right after the acknowledgement; ${stored.length}/${acknowledged.length} acknowledged ratings present on reopen; ${seconds.toFixed(1)} s`);
});
