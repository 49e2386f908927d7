import { expect, expectCounts, exportRatings, importText, openApp, rateWithKeys, test } from './fixtures.ts';

test('export → import into a new profile round-trips the ratings identically', async ({ page }) => {
  await openApp(page);
  await rateWithKeys(page, 12, (i) => i % 2 === 0);
  await expectCounts(page, 6, 6);
  const original = await exportRatings(page);
  expect(original.file).toMatchObject({ format: 'beyond-catalog.ratings', version: 1, profile: 'Visitor 1' });
  expect(original.file.ratings).toHaveLength(12);

  await importText(page, original.text);
  await expect(page.getByTestId('import-success')).toBeVisible();
  await expect(page.getByTestId('profile-row')).toHaveCount(2);
  await expect(page.getByTestId('active-profile-name')).toHaveText('Visitor 1 (2)');
  await expectCounts(page, 6, 6);
  const copy = await exportRatings(page);
  expect(copy.file.ratings).toEqual(original.file.ratings);

  // And it survives a reload as its own profile.
  await page.reload();
  await expect(page.getByTestId('active-profile-name')).toHaveText('Visitor 1 (2)');
  expect((await exportRatings(page)).file.ratings).toEqual(original.file.ratings);
});

test('a malformed import is rejected with a message and changes nothing', async ({ page }) => {
  await openApp(page);
  await rateWithKeys(page, 5, (i) => i !== 2);
  await expectCounts(page, 4, 1);
  const before = await exportRatings(page);

  const bad = structuredClone(before.file);
  bad.version = 2;
  bad.ratings[1].rating = 'meh';
  await importText(page, JSON.stringify(bad));
  const error = page.getByTestId('import-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('Unsupported version number 2');
  await expect(error).toContainText('ratings[1].rating must be "like" or "dislike"');

  await importText(page, before.text.slice(0, 100), 'truncated.json');
  await expect(error).toContainText('truncated');

  await expect(page.getByTestId('profile-row')).toHaveCount(1);
  await expectCounts(page, 4, 1);
  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expect(page.getByTestId('profile-row')).toHaveCount(0); // profiles tab not open after reload
  await expectCounts(page, 4, 1);
  expect((await exportRatings(page)).file).toEqual(before.file);
  await expect(page.getByTestId('profile-row')).toHaveCount(1);
});
