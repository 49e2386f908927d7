import { expect, expectCounts, openApp, rateWithKeys, test } from './fixtures.ts';

test('profiles keep their own ratings: new visitor, switch, rename, delete', async ({ page }) => {
  await openApp(page);
  await rateWithKeys(page, 3, () => true);
  await expectCounts(page, 3, 0);

  await page.getByTestId('new-visitor').click();
  await expect(page.getByTestId('active-profile-name')).toHaveText('Visitor 2');
  await expectCounts(page, 0, 0);
  await rateWithKeys(page, 2, () => false);
  await expectCounts(page, 0, 2);

  await page.getByTestId('tab-profiles').click();
  await page.getByTestId('new-profile-name').fill('Ada');
  await page.getByTestId('create-profile').click();
  await expect(page.getByTestId('active-profile-name')).toHaveText('Ada');
  await expect(page.getByTestId('profile-row')).toHaveCount(3);

  const first = page.getByTestId('profile-row').filter({ hasText: 'Visitor 1' });
  await first.getByTestId('switch-profile').click();
  await expectCounts(page, 3, 0);
  await first.getByTestId('rename-profile').click();
  await page.getByTestId('rename-input').fill('Grace');
  await page.getByTestId('rename-save').click();
  await expect(page.getByTestId('active-profile-name')).toHaveText('Grace');

  const ada = page.getByTestId('profile-row').filter({ hasText: 'Ada' });
  await ada.getByTestId('delete-profile').click();
  await ada.getByTestId('delete-profile-confirm').click();
  await expect(page.getByTestId('profile-row')).toHaveCount(2);

  await page.getByTestId('reset-ratings').click();
  await page.getByTestId('reset-ratings-confirm').click();
  await expectCounts(page, 0, 0);

  await page.reload();
  await expect(page.getByTestId('active-profile-name')).toHaveText('Grace');
  await expectCounts(page, 0, 0);
  await page.getByTestId('tab-profiles').click();
  await page.getByTestId('profile-row').filter({ hasText: 'Visitor 2' }).getByTestId('switch-profile').click();
  await expectCounts(page, 0, 2);
});

test('every view renders and nothing leaves the origin', async ({ page }) => {
  await openApp(page);
  for (const tab of ['grid', 'for-you', 'profiles', 'about', 'deck']) {
    await page.getByTestId(`tab-${tab}`).click();
    await expect(page.getByTestId(`panel-${tab}`)).toBeVisible();
  }
  // With no likes yet, the generation view says how many it needs.
  await page.getByTestId('tab-for-you').click();
  await expect(page.getByTestId('need-likes')).toBeVisible();
  await page.getByTestId('tab-about').click();
  await expect(page.getByTestId('licences')).toContainText('Apache License 2.0');
  await expect(page.getByTestId('licences')).toContainText('CC BY 4.0');
  await expect(page.getByTestId('licences')).toContainText('MIT');
  // The atlases really load (same origin) and draw pixels.
  await page.getByTestId('tab-deck').click();
  const loaded = await page.evaluate(async () => {
    const el = document.querySelector<HTMLElement>('.emoji-tile-image')!;
    const url = getComputedStyle(el).backgroundImage.slice(5, -2);
    const img = new Image();
    img.src = url;
    await img.decode();
    return { url, width: img.naturalWidth };
  });
  expect(new URL(loaded.url).pathname).toMatch(/^\/catalog\/atlas-(google|twitter)\.png$/);
  expect(loaded.width).toBe(48 * 64);
});
