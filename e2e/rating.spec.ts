import { counts, expect, expectCounts, exportRatings, openApp, rateWithKeys, test } from './fixtures.ts';

test('30 keyboard ratings are stored in IndexedDB and survive a reload', async ({ page }) => {
  await openApp(page);
  const rated = await rateWithKeys(page, 30, (i) => i % 3 !== 1);
  const likes = rated.filter(([, v]) => v === 'like').length;
  await expectCounts(page, likes, 30 - likes);

  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expectCounts(page, likes, 30 - likes);
  const { file } = await exportRatings(page);
  expect(file.ratings.map((r: { item: string; rating: string }) => [r.item, r.rating])).toEqual(rated);
  // The deck resumes after the rated cards.
  await page.getByTestId('tab-deck').click();
  const next = await page.getByTestId('deck-card').getAttribute('data-item-id');
  expect(rated.map(([id]) => id)).not.toContain(next);
});

test('Backspace undoes exactly the last rating and brings its card back', async ({ page }) => {
  await openApp(page);
  const rated = await rateWithKeys(page, 4, (i) => i < 2);
  await expectCounts(page, 2, 2);
  await page.keyboard.press('Backspace');
  await expectCounts(page, 2, 1);
  await expect(page.getByTestId('deck-card')).toHaveAttribute('data-item-id', rated[3][0]);
  const { file } = await exportRatings(page);
  expect(file.ratings.map((r: { item: string; rating: string }) => [r.item, r.rating])).toEqual(rated.slice(0, 3));
  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expectCounts(page, 2, 1);
});

test('skip, buttons and the grid rate too', async ({ page }) => {
  await openApp(page);
  const card = page.getByTestId('deck-card');
  const first = await card.getAttribute('data-item-id');
  await page.keyboard.press('ArrowDown');
  await expect(card).not.toHaveAttribute('data-item-id', first!);
  expect(await counts(page)).toEqual({ like: 0, dislike: 0 });
  await page.getByTestId('deck-like').click();
  await page.getByTestId('deck-dislike').click();
  await expectCounts(page, 1, 1);

  await page.getByTestId('tab-grid').click();
  await page.getByTestId('grid-category').selectOption('Flags');
  const cell = page.getByTestId('grid-cell').first();
  await expect(cell).toHaveAttribute('data-rating', 'none');
  await cell.click();
  await expect(cell).toHaveAttribute('data-rating', 'like');
  await cell.click();
  await expect(cell).toHaveAttribute('data-rating', 'dislike');
  await page.getByTestId('grid-cell').nth(1).click();
  await expectCounts(page, 2, 2);
});

test('a swipe on the card rates it', async ({ page }) => {
  await openApp(page);
  const card = page.getByTestId('deck-card');
  const box = (await card.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 150, y, { steps: 5 });
  await page.mouse.up();
  await expectCounts(page, 1, 0);
});
