import { expect, openApp, test } from './fixtures.ts';

test('switching language changes the visible strings and is remembered', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('tab-deck')).toHaveText('Rate');
  await expect(page.getByTestId('deck-like')).toContainText('Like');
  await page.getByTestId('language-select').selectOption('ja');
  await expect(page.getByTestId('tab-deck')).toHaveText('評価');
  await expect(page.getByTestId('deck-like')).toContainText('好き');
  await expect(page.getByTestId('app-title')).toHaveText('カタログの向こうへ');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await page.reload();
  await expect(page.getByTestId('tab-deck')).toHaveText('評価');
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('tab-deck')).toHaveText('Rate');
});

test.describe('with a Japanese browser', () => {
  test.use({ locale: 'ja-JP' });
  test('the default language follows the browser', async ({ page }) => {
    await openApp(page);
    await expect(page.getByTestId('tab-profiles')).toHaveText('プロフィール');
    await expect(page.getByTestId('active-profile-name')).toHaveText('来場者 1');
  });
});
