import { test, expect } from './fixtures';

// Wednesday 2 December 2026, 09:10 in Shanghai.
const NOW = new Date('2026-12-02T09:10:00+08:00');

test('a keeper creates a space with hours and approval, fixes mistakes, gets a request, and retires it', async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await page.goto('/');
  await page.getByTestId('start-empty').click();
  await page.locator('[data-tab=spaces]').click();
  await page.getByTestId('add-space').click();
  await expect(page.getByTestId('page-title')).toHaveText('新建场地');

  // Mistakes are named next to their fields, and nothing is saved.
  await page.locator('input[name=capacity]').fill('0');
  await page.locator('input[name=hours-1]').fill('21:00-18:00');
  await page.locator('input[name=buffer]').fill('1500');
  await page.getByTestId('save-space').click();
  await expect(page.getByTestId('form-problems')).toBeVisible();
  await expect(page.locator('[data-field=name]')).toHaveText('请填写这一项。');
  await expect(page.locator('[data-field=capacity]')).toHaveText('可容纳人数至少为 1。');
  await expect(page.locator('.field-error', { hasText: '结束时间必须晚于开始时间' })).toBeVisible();
  await expect(page.locator('[data-field=buffer]')).toContainText('1440');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/space-form-errors-zh.png', fullPage: true });

  await page.locator('input[name=name]').fill('红色议事厅');
  await page.locator('select[name=kind]').selectOption('MeetingHall');
  await page.locator('input[name=location]').fill('党群服务站 二楼');
  await page.locator('input[name=capacity]').fill('30');
  await page.locator('input[name=hours-1]').fill('09:00-12:00, 14:00-21:00');
  await page.locator('input[name=hours-7]').fill('');
  await page.locator('input[name=buffer]').fill('15');
  await page.locator('input[name=approval]').check();
  await page.getByTestId('save-space').click();
  await expect(page.getByTestId('page-title')).toHaveText('红色议事厅');
  await expect(page.getByTestId('opening-hours')).toContainText('09:00–12:00, 14:00–21:00');
  await expect(page.getByTestId('opening-hours').locator('tr', { hasText: '周日' })).toContainText('休息');
  await page.reload();
  await expect(page.getByTestId('page-title')).toHaveText('红色议事厅');

  // A booking of an approval space waits for the keeper.
  await page.getByTestId('book-space').click();
  await page.locator('input[name=date]').fill('2026-12-07');
  await page.locator('input[name=start]').fill('14:00');
  await page.locator('input[name=end]').fill('16:00');
  await page.locator('input[name=title]').fill('联席会议');
  await page.locator('input[name=organiser]').fill('社区党支部');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('saved-notice')).toHaveText('已提交，等待审核。');
  await expect(page.getByTestId('booking-status')).toHaveText('待审核');

  // Retired: history stays, no new bookings.
  await page.getByRole('link', { name: '红色议事厅' }).click();
  await page.getByTestId('edit-space').click();
  await page.getByTestId('toggle-active').click();
  await expect(page.getByTestId('page-title')).toHaveText('红色议事厅');
  await expect(page.getByTestId('book-space')).toHaveCount(0);
  await expect(page.getByTestId('space-bookings')).toContainText('联席会议');
  await page.locator('[data-tab=spaces]').click();
  await expect(page.getByTestId('space-card')).toContainText('已停用');
});
