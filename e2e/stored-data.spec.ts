import type { Page } from '@playwright/test';
import { expect, expectCounts, exportRatings, openApp, rateWithKeys, test } from './fixtures.ts';

/**
 * Reads or writes the app's IndexedDB object store ('beyond-catalog' / 'app') from the page, the
 * way a damaged or foreign record would have got there. Keys in `writes` are put; none deleted.
 */
async function idb(page: Page, writes: Record<string, unknown> = {}): Promise<Record<string, any>> {
  return page.evaluate(async (puts) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('beyond-catalog');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const tx = db.transaction('app', 'readwrite');
    const store = tx.objectStore('app');
    for (const [key, value] of Object.entries(puts)) store.put(value, key);
    const all: Record<string, unknown> = {};
    const cursor = store.openCursor();
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return;
      all[String(c.key)] = c.value;
      c.continue();
    };
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    return all;
  }, writes);
}

test('damaged records and an unknown version: the app starts, says so, keeps every good record', async ({ page }) => {
  await openApp(page);
  const rated = await rateWithKeys(page, 4, (i) => i !== 1);
  const good = (await exportRatings(page)).file.ratings;
  const stored = await idb(page);
  const index = stored['v1/profiles'];
  const ratings = stored[`v1/ratings/${index.activeId}`];
  await idb(page, {
    'v1/profiles': { ...index, profiles: [...index.profiles, { id: 42, name: null }] },
    [`v1/ratings/${index.activeId}`]: [ratings[0], { item: 7 }, ratings[1], 'junk', ratings[2], { ...ratings[3], rating: 'meh' }, ratings[3]],
    schema: { version: 7, writtenBy: 'a later app' },
    'v1/settings': 'garbage',
  });

  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  const notice = page.getByTestId('data-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('unknown version (number 7)');
  await expect(notice).toContainText('Settings were unreadable');
  await expect(notice).toContainText('Profile 2 has a bad id (number 42) and was dropped');
  await expect(notice).toContainText('Rating 2 has a bad item (number 7) and was dropped');
  await expect(notice).toContainText('Rating 4 is the text "junk" and was dropped');
  await expect(notice).toContainText('Rating 6 has a bad value (the text "meh") and was dropped');
  await expectCounts(page, 3, 1);
  expect((await exportRatings(page)).file.ratings).toEqual(good);
  expect(good.map((r: { item: string }) => r.item)).toEqual(rated.map(([id]) => id));

  // Rating goes on; the notice can be dismissed.
  await page.getByTestId('data-notice-dismiss').click();
  await expect(notice).toHaveCount(0);
  await rateWithKeys(page, 1, () => true);
  await expectCounts(page, 4, 1);
  // Next start: the repaired records read cleanly; only the foreign version marker is still reported.
  await page.reload();
  await expect(notice).toBeVisible();
  await expect(notice.getByRole('listitem')).toHaveCount(1);
  await expect(notice).toContainText('unknown version');
  await expectCounts(page, 4, 1);
});

test('an unreadable profile list: ratings are not lost, their profile is restored', async ({ page }) => {
  await openApp(page);
  await rateWithKeys(page, 3, () => true);
  await idb(page, { 'v1/profiles': { profiles: 'lost' } });
  await page.reload();
  await expect(page.getByTestId('data-notice')).toContainText('The profile list was unreadable');
  await expect(page.getByTestId('data-notice')).toContainText('1 profile(s) were restored');
  await expect(page.getByTestId('active-profile-name')).toHaveText('Recovered 1');
  await expectCounts(page, 3, 0);
});

// Ways a browser can refuse IndexedDB (private modes, policies, a broken profile, a hang).
const BREAKAGES: Record<string, () => void> = {
  'indexedDB throws on access': () => {
    Object.defineProperty(window, 'indexedDB', {
      get() {
        throw new DOMException('Access to IndexedDB is denied', 'SecurityError');
      },
    });
  },
  'open() throws': () => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database', 'UnknownError');
    };
  },
  'open() fails later': () => {
    IDBFactory.prototype.open = function () {
      const request = {} as IDBOpenDBRequest & { error: DOMException };
      setTimeout(() => {
        Object.defineProperty(request, 'error', { value: new DOMException('Internal error opening backing store', 'UnknownError') });
        request.onerror?.(new Event('error'));
      }, 10);
      return request;
    };
  },
  'open() never answers': () => {
    IDBFactory.prototype.open = () => ({}) as IDBOpenDBRequest;
  },
};

for (const [name, breakIt] of Object.entries(BREAKAGES)) {
  test(`IndexedDB unavailable (${name}): the app runs in memory and says so`, async ({ page }) => {
    await page.addInitScript(breakIt);
    await openApp(page);
    const warning = page.getByTestId('memory-warning');
    await expect(warning).toBeVisible();
    await expect(warning).toContainText('kept in memory only');
    await rateWithKeys(page, 3, (i) => i !== 0);
    await expectCounts(page, 2, 1);
    await expect(page.getByTestId('storage-error')).toHaveCount(0);
    // Profiles, export and import work too.
    const exported = await exportRatings(page);
    expect(exported.file.ratings).toHaveLength(3);
    await page.getByTestId('new-visitor').click();
    await expectCounts(page, 0, 0);
    await expect(warning).toBeVisible();
  });
}
