import { Page } from '@playwright/test';
import { test, expect, loadDemo } from './fixtures';

// China's 2026 arrangement, as shipped: 1–7 October off (国庆节), Saturday
// 10 October worked instead (调休上班); 中秋节 25–27 September.
const at = (day: string) => new Date(`${day}T09:10:00+08:00`);

async function demoAt(page: Page, day: string) {
  await page.clock.setFixedTime(at(day));
  await loadDemo(page);
}

async function openSpace(page: Page, name: string) {
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name }).click();
  await expect(page.getByTestId('page-title')).toHaveText(name);
}

async function showDay(page: Page, day: string) {
  await page.locator('input[name=day]').fill(day);
  await page.locator('input[name=day]').dispatchEvent('change');
}

test('Today, a space’s day and its week mark 国庆 and the make-up Saturday, in Chinese and English', async ({ page }) => {
  await demoAt(page, '2026-10-01');
  await expect(page.getByTestId('today-date').getByTestId('day-mark')).toHaveText('法定假日：国庆节');
  await expect(page.getByTestId('today-date').getByTestId('day-mark')).toHaveAttribute('data-mark', 'holiday');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/holiday-today-zh.png' });

  await openSpace(page, '安家院儿');
  const day = page.getByTestId('day-view');
  await expect(day.getByTestId('day-mark')).toHaveText('法定假日：国庆节');
  await showDay(page, '2026-10-10');
  await expect(day.getByTestId('day-mark')).toHaveText('调休上班（国庆节）');
  await expect(day.getByTestId('day-mark')).toHaveAttribute('data-mark', 'workday');
  await showDay(page, '2026-10-12');
  await expect(day.getByTestId('day-mark')).toHaveCount(0);
  // The week of 28 September: Monday to Wednesday ordinary, Thursday to Sunday off.
  const week = page.getByTestId('week-days');
  await expect(week.getByTestId('day-mark')).toHaveCount(4);
  await expect(week.locator('li').nth(3).getByTestId('day-mark')).toHaveText('法定假日：国庆节');
  await expect(week.locator('li').nth(0).getByTestId('day-mark')).toHaveCount(0);

  await page.getByTestId('lang-switch').click();
  await expect(week.locator('li').nth(3).getByTestId('day-mark')).toHaveText('Public holiday: National Day');
  await expect(day.getByTestId('day-mark')).toHaveCount(0);
  await showDay(page, '2026-10-10');
  await expect(day.getByTestId('day-mark')).toHaveText('Make-up workday (National Day)');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/holiday-day-en.png', fullPage: true });
  await page.locator('[data-tab=today]').click();
  await expect(page.getByTestId('today-date').getByTestId('day-mark')).toHaveText('Public holiday: National Day');
});

test('a weekly class over 国庆 leaves out the holiday unless it is ticked, and only the ticked dates are booked', async ({ page }) => {
  await demoAt(page, '2026-09-21');
  await openSpace(page, '安家院儿');
  await page.getByTestId('book-space').click();
  // Thursdays 19:00–20:00 from 24 September, five times: 1 October is 国庆.
  await page.locator('input[name=date]').fill('2026-09-24');
  await page.locator('input[name=start]').fill('19:00');
  await page.locator('input[name=end]').fill('20:00');
  await page.locator('input[name=title]').fill('书法班');
  await page.locator('input[name=organiser]').fill('王芳');
  await page.locator('select[name=repeat]').selectOption('weekly');
  await page.locator('input[name=count]').fill('5');
  await page.getByTestId('submit-booking').click();
  const rows = page.getByTestId('occurrence');
  await expect(rows).toHaveCount(5);
  const holiday = rows.nth(1);
  await expect(holiday).toHaveAttribute('data-holiday', 'true');
  await expect(holiday).toContainText('法定假日（国庆节），默认跳过；勾选即保留');
  await expect(holiday.locator('input')).toBeEnabled();
  await expect(holiday.locator('input')).not.toBeChecked();
  await expect(page.locator('[data-testid=occurrence][data-holiday=true]')).toHaveCount(1);
  // What the save button offers follows from the rows: every date that
  // fits, less the holiday.
  const fits = await page.locator('[data-testid=occurrence][data-fits=true][data-holiday=false]').count();
  expect(fits).toBeGreaterThan(0);
  await expect(page.getByTestId('save-series')).toHaveText(`保存选中的 ${fits} 次`);
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/holiday-series-zh.png', fullPage: true });
  // Ticking keeps it; unticking leaves it out again.
  await holiday.locator('input').check();
  await expect(page.getByTestId('save-series')).toHaveText(`保存选中的 ${fits + 1} 次`);
  await holiday.locator('input').uncheck();
  await page.getByTestId('save-series').click();
  await expect(page.getByTestId('page-title')).toHaveText('安家院儿');

  await showDay(page, '2026-10-08');
  await expect(page.getByTestId('slots').locator('[data-slot=taken]', { hasText: '书法班' }).first()).toBeVisible();
  await showDay(page, '2026-10-01');
  await expect(page.getByTestId('day-view').getByTestId('day-mark')).toHaveText('法定假日：国庆节');
  await expect(page.getByTestId('slots').locator('[data-slot=taken]', { hasText: '书法班' })).toHaveCount(0);
});

test('a patrol on working days skips 国庆 and covers the make-up Saturday', async ({ page }) => {
  await page.clock.setFixedTime(at('2026-09-21'));
  await page.goto('/');
  await page.getByTestId('start-empty').click();
  await page.locator('[data-tab=rosters]').click();
  await page.getByTestId('add-activity').click();
  await page.locator('input[name=title]').fill('工作日晚巡');
  await page.locator('select[name=kind]').selectOption('Duty');
  await page.locator('input[name=place]').fill('小区东门');
  await page.locator('input[name=starts_on]').fill('2026-09-21');
  await page.locator('input[name=ends_on]').fill('2026-10-31');
  await page.getByTestId('save-activity').click();
  await expect(page.getByTestId('page-title')).toHaveText('工作日晚巡');
  await page.getByTestId('generate-shifts').click();
  await page.locator('input[name=role]').fill('巡逻');
  await page.locator('input[name=starts]').fill('19:00');
  await page.locator('input[name=needed_min]').fill('1');
  await page.locator('input[name=needed_max]').fill('2');
  await page.locator('input[name=duty-days][value=workdays]').check();
  // Weekday picks belong to the other rule.
  await expect(page.locator('input[name=weekday-1]')).toHaveCount(0);
  await page.locator('input[name=from]').fill('2026-09-28');
  await page.locator('input[name=to]').fill('2026-10-11');
  await page.getByTestId('preview-shifts').click();
  // 28–30 September, 8–9 October and Saturday 10 October.
  await expect(page.getByTestId('plan-counts')).toHaveText('新增 6 个，删除 0 个，保留 0 个');
  const plan = page.getByTestId('shift-plan');
  await expect(plan.locator('li', { hasText: '10月10日' }).getByTestId('day-mark')).toHaveText('调休上班（国庆节）');
  await expect(plan).not.toContainText('10月1日');
  await expect(plan).not.toContainText('10月11日');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/holiday-roster-zh.png', fullPage: true });
  await page.getByTestId('apply-plan').click();
  await expect(page.getByTestId('page-title')).toHaveText('工作日晚巡');
  await expect(page.getByTestId('shift')).toHaveCount(6);

  // The other rule: every day ticked, holidays or not.
  await page.getByTestId('generate-shifts').click();
  await page.getByTestId('lang-switch').click();
  await page.locator('input[name=role]').fill('巡逻');
  await page.locator('input[name=starts]').fill('19:00');
  await page.locator('input[name=needed_min]').fill('1');
  await page.locator('input[name=needed_max]').fill('2');
  await expect(page.getByTestId('duty-days')).toContainText('Working days (public holidays skipped, make-up workdays added)');
  await page.locator('input[name=from]').fill('2026-10-01');
  await page.locator('input[name=to]').fill('2026-10-11');
  await page.getByTestId('preview-shifts').click();
  // 1–7 and 11 October are new; 8–10 October are there already.
  await expect(page.getByTestId('shift-plan').locator('[data-plan=create]')).toHaveCount(8);
  await expect(page.getByTestId('shift-plan').getByTestId('day-mark').filter({ hasText: 'Public holiday: National Day' })).toHaveCount(7);
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/holiday-roster-en.png', fullPage: true });
});
