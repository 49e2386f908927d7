import type { Page } from '@playwright/test';
import { expect, expectCounts, exportRatings, openApp, test } from './fixtures.ts';

/** Clicks the first `n` cells of a grid category as fast as they come, without waiting for saves. */
async function clickCells(page: Page, category: string, n: number): Promise<void> {
  await page.getByTestId('tab-grid').click();
  await page.getByTestId('grid-category').selectOption(category);
  for (let i = 0; i < n; i++) await page.getByTestId('grid-cell').nth(i).click();
}

test('two tabs rating at once keep both sets and converge', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await Promise.all([openApp(a), openApp(b)]);
  // Both tabs opened on the one shared profile.
  await expect(b.getByTestId('active-profile-name')).toHaveText(await a.getByTestId('active-profile-name').innerText());

  // Both rate at the same time (different items: two visitors, one profile).
  await Promise.all([clickCells(a, 'Animals & Nature', 12), clickCells(b, 'Flags', 12)]);
  for (const page of [a, b]) await expectCounts(page, 24, 0);
  // The deck in each tab also rates, alternating; each skips what the other rated.
  await a.getByTestId('tab-deck').click();
  await b.getByTestId('tab-deck').click();
  for (let i = 0; i < 4; i++) {
    const page = i % 2 ? b : a;
    const card = page.getByTestId('deck-card');
    const id = await card.getAttribute('data-item-id');
    await page.keyboard.press('ArrowLeft');
    await expect(card).not.toHaveAttribute('data-item-id', id!);
    await expectCounts(a, 24, i + 1);
    await expectCounts(b, 24, i + 1);
  }
  const fromA = (await exportRatings(a)).file.ratings;
  const fromB = (await exportRatings(b)).file.ratings;
  expect(fromA).toHaveLength(28);
  expect(fromB).toEqual(fromA);

  // Profiles converge too; each tab keeps its own active profile.
  await a.getByTestId('new-profile-name').fill('Ada');
  await a.getByTestId('create-profile').click();
  await expect(b.getByTestId('profile-row')).toHaveCount(2);
  await expect(b.getByTestId('active-profile-name')).toHaveText('Visitor 1');
  await expectCounts(b, 24, 4);

  // A fresh tab sees the union.
  const c = await context.newPage();
  await openApp(c);
  await c.getByTestId('tab-profiles').click();
  await c.getByTestId('profile-row').filter({ hasText: 'Visitor 1' }).getByTestId('switch-profile').click();
  await expectCounts(c, 24, 4);
});
