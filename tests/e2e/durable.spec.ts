import { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { test, expect, loadDemo, bookGymFriday, recordCounts } from './fixtures';

const NOW = new Date('2026-12-02T09:10:00+08:00');
const DAY = 24 * 60 * 60 * 1000;

async function openTodayAt(page: Page, at: Date) {
  await page.clock.setFixedTime(at);
  await page.goto('/');
  await expect(page.getByTestId('today-bookings')).toBeVisible();
}

async function backUp(page: Page, testid: string) {
  await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
}

test('Today reminds to back up once changes wait longer than the set days, and one tap saves', async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);

  // Never backed up: a week after the first change, Today asks.
  await openTodayAt(page, new Date(NOW.getTime() + 6 * DAY));
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);
  await openTodayAt(page, new Date(NOW.getTime() + 7 * DAY));
  await expect(page.getByTestId('backup-reminder')).toContainText('还没有备份过');
  await backUp(page, 'backup-now');
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('today-bookings')).toBeVisible();
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);

  // A change after that backup: asked again only once the backup is old.
  await page.clock.setFixedTime(new Date(NOW.getTime() + 7 * DAY + 60 * 60 * 1000));
  await bookGymFriday(page, '备份之后的预约', '2026-12-18');
  await openTodayAt(page, new Date(NOW.getTime() + 13 * DAY));
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);
  await openTodayAt(page, new Date(NOW.getTime() + 15 * DAY));
  await expect(page.getByTestId('backup-reminder')).toContainText('上次备份是 8 天前，之后数据有改动。');

  // The number of days is a setting; 0 turns the reminder off.
  await page.locator('[data-tab=data]').click();
  await page.locator('input[name=reminder-days]').fill('400');
  await page.getByTestId('save-settings').click();
  await expect(page.locator('[data-field=reminder-days]')).toHaveText('请输入 0 到 365 之间的整数天数。');
  await page.locator('input[name=reminder-days]').fill('30');
  await page.getByTestId('save-settings').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await page.locator('[data-tab=today]').click();
  await expect(page.getByTestId('today-bookings')).toBeVisible();
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);
  await page.locator('[data-tab=data]').click();
  await page.locator('input[name=reminder-days]').fill('3');
  await page.getByTestId('save-settings').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await page.locator('[data-tab=today]').click();
  await expect(page.getByTestId('backup-reminder')).toBeVisible();
  // The Data tab's backup counts too.
  await page.locator('[data-tab=data]').click();
  await backUp(page, 'export-all');
  await page.locator('[data-tab=today]').click();
  await expect(page.getByTestId('today-bookings')).toBeVisible();
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);
});

test('the Data tab says whether the browser keeps the data for good and how much room it takes', async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  await page.locator('[data-tab=data]').click();
  const storage = page.getByTestId('storage');
  await expect(storage).toBeVisible();
  await expect(page.getByTestId('storage-used')).toHaveText(/^\d+(\.\d)? (KB|MB|GB)$/);
  await expect(page.getByTestId('storage-free')).toHaveText(/^\d+(\.\d)? (KB|MB|GB)$/);
  // The first write asked the browser; what it answered is what is shown.
  const granted = await page.evaluate(() => navigator.storage.persisted());
  await expect(page.getByTestId('storage-persisted')).toHaveAttribute('data-persisted', String(granted));
  await expect(page.getByTestId('ask-persist')).toHaveCount(granted ? 0 : 1);
});

test('a full phone: the import that does not fit says so and leaves every saved record as it was', async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  const before = await recordCounts(page);
  const [backup] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-all').click()]);
  const doc = JSON.parse(await readFile(await backup.path(), 'utf8'));
  const model = doc.records.volunteers[0];
  const volunteers = Array.from({ length: 3000 }, (_, i) => ({ ...model, id: randomUUID(), name: `新志愿者${i}` }));
  doc.records = { spaces: [], bookings: [], volunteers, activities: [], shifts: [], assignments: [] };
  await page.locator('input[name=import-file]').setInputFiles({
    name: 'linli-volunteers.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(doc), 'utf8'),
  });
  await expect(page.getByTestId('import-preview')).toBeVisible();
  // The disk fills up 2,500 records into the write, as IndexedDB reports it.
  // (Chromium's quota override does not reach a test's private context.)
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    let n = 0;
    IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
      if (++n > 2500) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await page.getByTestId('apply-import').click();
  await expect(page.getByRole('alert')).toContainText('手机存储空间已满，这次没有保存。');
  await expect(page.getByTestId('imported')).toHaveCount(0);
  // Nothing of the file landed, and everything saved before is there.
  await page.reload();
  expect(await recordCounts(page)).toEqual(before);
});

test('a full phone during a backup: the file goes out, and the message says the disk is full', async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  await page.locator('[data-tab=data]').click();
  // Noting the backup's time is the write that meets the full disk.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-all').click()]);
  expect(file.suggestedFilename()).toBe('linli-backup-2026-12-02.json');
  await expect(page.getByRole('alert')).toContainText('手机存储空间已满，这次没有保存。');
  await expect(page.getByTestId('last-backup')).toHaveText('这台手机还没有备份过。');
});
