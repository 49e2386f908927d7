import { expect, expectCounts, importText, openApp, rateWithKeys, test } from './fixtures.ts';

test('kiosk mode: full screen, large touch targets, other profiles hidden, remembered', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('tab-profiles').click();
  await page.getByTestId('new-profile-name').fill('Ada');
  await page.getByTestId('create-profile').click();
  await expect(page.getByTestId('profile-row')).toHaveCount(2);
  const normal = (await page.getByTestId('tab-deck').boundingBox())!.height;

  await page.getByTestId('tab-settings').click();
  await page.getByTestId('kiosk-toggle').check();
  await expect(page.getByTestId('app-ready')).toHaveClass(/\bkiosk\b/);
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.tagName ?? null)).toBe('HTML');
  for (const id of ['tab-deck', 'new-visitor', 'language-select', 'idle-minutes']) {
    expect((await page.getByTestId(id).boundingBox())!.height, id).toBeGreaterThanOrEqual(64);
  }
  expect((await page.getByTestId('tab-deck').boundingBox())!.height).toBeGreaterThan(normal);
  await page.getByTestId('tab-deck').click();
  for (const id of ['deck-like', 'deck-dislike', 'deck-skip']) {
    const box = (await page.getByTestId(id).boundingBox())!;
    expect(box.height, id).toBeGreaterThanOrEqual(88);
    expect(box.width, id).toBeGreaterThanOrEqual(140);
  }
  await page.getByTestId('tab-profiles').click();
  await expect(page.getByTestId('profile-row')).toHaveCount(1);
  await expect(page.getByTestId('profiles-hidden')).toBeVisible();

  // Remembered over a reload; full screen comes back with the first touch.
  await page.reload();
  await expect(page.getByTestId('app-ready')).toHaveClass(/\bkiosk\b/);
  expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
  await page.getByTestId('tab-deck').click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.tagName ?? null)).toBe('HTML');

  await page.getByTestId('tab-settings').click();
  await page.getByTestId('kiosk-toggle').uncheck();
  await expect(page.getByTestId('app-ready')).not.toHaveClass(/\bkiosk\b/);
  await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
});

test('after N idle minutes a new visitor starts, and nothing of the last one is on screen', async ({ page }) => {
  await page.clock.install();
  await openApp(page);
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('kiosk-toggle').check();
  await page.getByTestId('idle-minutes').selectOption('5');
  const firstCard = async () => {
    await page.getByTestId('tab-deck').click();
    return page.getByTestId('deck-card').getAttribute('data-item-id');
  };
  const visitor1Card = await firstCard();

  // Visitor 1 rates, skips, browses, and leaves a failed import on screen.
  await rateWithKeys(page, 3, () => true);
  await page.keyboard.press('ArrowDown');
  await page.getByTestId('tab-grid').click();
  await page.getByTestId('grid-category').selectOption('Flags');
  await importText(page, '{"format": "beyond-catalog.ratings", "version": 9}');
  await expect(page.getByTestId('import-error')).toBeVisible();
  await expectCounts(page, 3, 0);

  // Still there a minute before the limit (the last input was the import; the fake clock also
  // runs in real time, so the margin absorbs a slow machine)...
  await page.clock.fastForward('04:00');
  await expect(page.getByTestId('active-profile-name')).toHaveText('Visitor 1');
  // ...and a fresh visitor after it.
  await page.clock.fastForward('01:05');
  await expect(page.getByTestId('active-profile-name')).toHaveText('Visitor 2');
  await expectCounts(page, 0, 0);
  await expect(page.getByTestId('panel-deck')).toBeVisible();
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  const visitor2Card = await page.getByTestId('deck-card').getAttribute('data-item-id');
  // The deck starts over, in the new visitor's own order.
  expect(visitor2Card).not.toBe(null);
  expect(visitor2Card === visitor1Card ? 'same first card' : 'fresh deck').toBe('fresh deck');
  // An untouched screen does not keep making visitors (nothing above touched it).
  await page.clock.fastForward('10:00');
  await expect(page.getByTestId('active-profile-name')).toHaveText('Visitor 2');

  await page.getByTestId('tab-grid').click();
  await expect(page.getByTestId('grid-category')).not.toHaveValue('Flags');
  await page.getByTestId('tab-profiles').click();
  await expect(page.getByTestId('profile-row')).toHaveCount(1);
  await expect(page.getByTestId('profile-row')).toContainText('Visitor 2');
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  // Visitor 1's ratings are kept, just not shown.
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('kiosk-toggle').uncheck();
  await page.getByTestId('tab-profiles').click();
  await page.getByTestId('profile-row').filter({ hasText: 'Visitor 1' }).getByTestId('switch-profile').click();
  await expectCounts(page, 3, 0);
});
