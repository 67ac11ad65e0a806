import { Page } from '@playwright/test';
import { test, expect, loadDemo } from './fixtures';

// Wednesday 2 December 2026, 09:10 in Shanghai.
const NOW = new Date('2026-12-02T09:10:00+08:00');

async function demoAt(page: Page) {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
}

test('"this is me" fills my name into a booking and lists it under my bookings', async ({ page }) => {
  await demoAt(page);
  await expect(page.getByTestId('me-unset')).toBeVisible();

  await page.locator('[data-tab=volunteers]').click();
  await page.locator('main a.item-title').first().click();
  const name = (await page.getByTestId('page-title').textContent()) ?? '';
  expect(name.length).toBeGreaterThan(0);
  await page.getByTestId('this-is-me').click();
  await expect(page.getByTestId('is-me')).toHaveText(`本机属于 ${name}。`);
  await page.reload();
  await expect(page.getByTestId('is-me')).toBeVisible();

  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '书吧' }).click();
  await page.getByTestId('book-space').click();
  await expect(page.locator('input[name=organiser]')).toHaveValue(name);
  await expect(page.locator('input[name=phone]')).not.toHaveValue('');
  await page.locator('input[name=date]').fill('2026-12-03');
  await page.locator('input[name=start]').fill('14:00');
  await page.locator('input[name=end]').fill('15:00');
  await page.locator('input[name=title]').fill('亲子阅读');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('saved-notice')).toBeVisible();

  await page.locator('[data-tab=today]').click();
  await expect(page.getByTestId('my-bookings')).toContainText('亲子阅读');
  await expect(page.getByTestId('my-bookings')).toContainText('12月3日 周四');
  await page.getByTestId('all-my-bookings').click();
  await expect(page.getByTestId('page-title')).toHaveText('我的预约');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/my-bookings-zh.png', fullPage: true });
  await page.getByTestId('my-bookings').getByRole('link', { name: '亲子阅读' }).click();
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('booking-status')).toHaveText('已取消');
  await expect(page.getByTestId('changed-by')).toHaveText(`状态由 ${name} 更改。`);

  // Clearing "me" on the Data tab.
  await page.locator('[data-tab=data]').click();
  await expect(page.getByTestId('is-me')).toContainText(name);
  await page.getByTestId('not-me').click();
  await expect(page.getByTestId('me-nobody')).toBeVisible();
  await page.locator('[data-tab=today]').click();
  await expect(page.getByTestId('me-unset')).toBeVisible();
});

test('the no-show grace time is a setting of this phone', async ({ page }) => {
  await demoAt(page);
  // 青年自习小组 started at 09:00; ten minutes is inside the default 15.
  await page.getByTestId('today-bookings').getByRole('link', { name: '青年自习小组' }).click();
  await expect(page.getByTestId('page-title')).toHaveText('青年自习小组');
  await expect(page.getByTestId('release')).toHaveCount(0);

  await page.locator('[data-tab=data]').click();
  const grace = page.locator('input[name=grace]');
  await expect(grace).toHaveValue('15');
  await grace.fill('999');
  await page.getByTestId('save-settings').click();
  await expect(page.locator('.field-error')).toHaveText('请输入 0 到 720 之间的整数分钟。');
  await page.reload();
  await expect(page.locator('input[name=grace]')).toHaveValue('15');
  await page.locator('input[name=grace]').fill('5');
  await page.getByTestId('save-settings').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await page.reload();
  await expect(page.locator('input[name=grace]')).toHaveValue('5');

  await page.locator('[data-tab=today]').click();
  await page.getByTestId('today-bookings').getByRole('link', { name: '青年自习小组' }).click();
  await expect(page.getByTestId('release')).toBeVisible();
});

test('editing "this and following" moves the later dates and leaves the earlier ones', async ({ page }) => {
  await demoAt(page);
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '红色议事厅' }).click();
  // The next two weeks hold two Thursdays: 3 and 10 December.
  const talks = page.getByTestId('space-bookings').locator('li', { hasText: '周四大家谈' });
  await expect(talks).toHaveCount(2);
  await talks.nth(1).getByRole('link').click();
  await page.getByTestId('edit-booking').click();
  await page.getByTestId('series-scope').getByLabel('这一次及以后各次').check();
  await page.locator('input[name=start]').fill('18:00');
  await page.locator('input[name=end]').fill('19:30');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('saved-notice')).toBeVisible();
  await expect(page.locator('body')).toContainText('12月10日 周四 18:00–19:30');
  await page.getByRole('link', { name: '红色议事厅' }).click();
  await page.reload();
  await expect(talks.nth(0)).toContainText('19:00–20:30');
  await expect(talks.nth(1)).toContainText('18:00–19:30');
  // A week later, 17 December moved too.
  const days = page.getByTestId('week-days').locator('li');
  await page.getByRole('button', { name: '下一周' }).click();
  await page.getByRole('button', { name: '下一周' }).click();
  await expect(page.getByTestId('week-label')).toHaveText('12月14日 周一 – 12月20日 周日');
  await expect(days.nth(3)).toContainText('18:00–19:30');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/series-edited-zh.png', fullPage: true });

  // The whole series, cancelled from one date.
  await talks.nth(1).getByRole('link').click();
  await page.locator('input[name=reason]').fill('议事厅装修');
  await page.getByTestId('cancel-series').click();
  await expect(page.getByTestId('booking-status')).toHaveText('已取消');
  await page.getByRole('link', { name: '红色议事厅' }).click();
  await expect(talks.nth(0)).toContainText('已取消');
  await expect(talks.nth(1)).toContainText('已取消');
});
