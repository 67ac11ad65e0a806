import { test, expect, loadDemo } from './fixtures';

const NOW = new Date('2026-12-02T09:10:00+08:00');

test('two tabs on one phone: a write in one shows in the other without a reload', async ({ page, context }) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  const other = await context.newPage();
  await other.clock.setFixedTime(NOW);
  await other.goto('/volunteers');
  await expect(other.getByTestId('volunteer').first()).toBeVisible();
  const before = await other.getByTestId('volunteer').count();

  await page.locator('[data-tab=volunteers]').click();
  await page.getByTestId('add-volunteer').click();
  await page.locator('input[name=name]').fill('另一个标签页里加的人');
  await page.locator('input[name=consent][value=own]').check();
  await page.getByTestId('save-volunteer').click();
  await expect(page.getByTestId('page-title')).toHaveText('另一个标签页里加的人');

  // No reload in the other tab: it hears of the write and reads again.
  await expect(other.getByTestId('volunteer')).toHaveCount(before + 1, { timeout: 1000 });
  await expect(other.getByTestId('volunteer').filter({ hasText: '另一个标签页里加的人' })).toHaveCount(1);

  // Settings travel too: the grace time saved in one tab is the other's.
  await other.locator('[data-tab=data]').click();
  await page.locator('[data-tab=data]').click();
  await page.locator('input[name=grace]').fill('30');
  await page.getByTestId('save-settings').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await other.locator('[data-tab=today]').click();
  await other.locator('[data-tab=data]').click();
  await expect(other.locator('input[name=grace]')).toHaveValue('30');
});

test('a newer version upgrading the database in another tab is not held up: this tab lets go and asks to reload', async ({ page, context }) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  const current = await page.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === 'linli')?.version ?? 0);
  expect(current).toBeGreaterThan(0);
  // The other tab stands for a build with the next schema version.
  const newer = await context.newPage();
  // Same origin, without starting the app there.
  await newer.goto('/manifest.webmanifest');
  const outcome = await newer.evaluate(
    (version) =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('linli', version);
        open.onblocked = () => resolve('blocked');
        open.onsuccess = () => {
          open.result.close();
          resolve('upgraded');
        };
        open.onerror = () => resolve(`error ${open.error?.name}`);
      }),
    current + 1,
  );
  expect(outcome).toBe('upgraded');
  await expect(page.getByTestId('reload-needed')).toHaveText(/邻里已在另一个标签页更新到新版本/);
  await expect(page.getByTestId('reload-superseded')).toBeVisible();
});
