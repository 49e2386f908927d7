import { readFileSync } from 'node:fs';
import { malformedRatingsFiles } from '../src/engine/ratings-file-mutations.ts';
import { buildRatingsFile } from '../src/engine/ratings-file.ts';
import { expect, expectCounts, exportRatings, importText, openApp, rateWithKeys, test } from './fixtures.ts';

// The unit test (src/state/import-faults.test.ts) runs all 300 generated files through the
// validator and the import; this runs a sample through the real page and IndexedDB.
const SAMPLE = 40;
const catalog = JSON.parse(readFileSync(new URL('../public/catalog/catalog.json', import.meta.url), 'utf8'));
const ids: string[] = catalog.items.slice(0, 6).map((i: { id: string }) => i.id);
const valid = buildRatingsFile(
  'Sample',
  ids.map((item, i) => ({ item, rating: i % 2 ? 'dislike' : 'like', at: `2026-11-30T17:00:0${i}Z` })),
);
const all = malformedRatingsFiles(valid, 300, 2026);
// Both size limits, then an even spread over the rest.
const sample = [...all.slice(0, 2), ...all.slice(2).filter((_, i) => i % Math.floor((all.length - 2) / (SAMPLE - 2)) === 0)].slice(0, SAMPLE);

test(`${SAMPLE} malformed files: each rejected with a message, stored data untouched`, async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await rateWithKeys(page, 5, (i) => i % 2 === 0);
  const before = await exportRatings(page);
  const error = page.getByTestId('import-error');
  for (const [i, file] of sample.entries()) {
    // Leaving the tab clears the last outcome, so each message seen is this file's.
    await page.getByTestId('tab-deck').click();
    await importText(page, file.text, `malformed-${i}.json`);
    await expect(error, file.mutation).toBeVisible();
    await expect(error.getByRole('listitem').first(), file.mutation).not.toBeEmpty();
    await expect(page.getByTestId('import-success')).toHaveCount(0);
  }
  await expect(page.getByTestId('profile-row')).toHaveCount(1);
  await expectCounts(page, 3, 2);
  expect((await exportRatings(page)).file).toEqual(before.file);
  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  expect((await exportRatings(page)).file).toEqual(before.file);
  await expect(page.getByTestId('profile-row')).toHaveCount(1);
});
