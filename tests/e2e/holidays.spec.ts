import { Page } from '@playwright/test';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { test, expect, loadDemo, recordCounts, downloadFile } from './fixtures';

const FIXTURES = join(__dirname, '..', 'fixtures', 'exchange');

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

/** 安家院儿's booking form filled as a weekly series, 19:00–20:00, and its preview asked for. */
async function previewWeekly(page: Page, from: string, title: string, count: number) {
  await openSpace(page, '安家院儿');
  await page.getByTestId('book-space').click();
  await page.locator('input[name=date]').fill(from);
  await page.locator('input[name=start]').fill('19:00');
  await page.locator('input[name=end]').fill('20:00');
  await page.locator('input[name=title]').fill(title);
  await page.locator('input[name=organiser]').fill('王芳');
  await page.locator('select[name=repeat]').selectOption('weekly');
  await page.locator('input[name=count]').fill(String(count));
  await page.getByTestId('submit-booking').click();
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
  // Thursdays 19:00–20:00 from 24 September, five times: 1 October is 国庆.
  await previewWeekly(page, '2026-09-24', '书法班', 5);
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

test('a committee loads a newer year from a file: it lists the series dates it touches, marks the calendar, and goes into the backup', async ({ page }) => {
  await demoAt(page, '2026-12-02');
  // Fridays 19:00–20:00 from 18 December, three times: the third is 1 January 2027.
  await previewWeekly(page, '2026-12-18', '周五合唱', 3);
  // 2027 is not shipped: nothing is marked yet, and all three are ticked.
  await expect(page.locator('[data-testid=occurrence][data-holiday=true]')).toHaveCount(0);
  await expect(page.getByTestId('save-series')).toHaveText('保存选中的 3 次');
  await page.getByTestId('save-series').click();
  await expect(page.getByTestId('page-title')).toHaveText('安家院儿');

  await page.locator('[data-tab=data]').click();
  const before = await recordCounts(page);
  await page.locator('input[name=import-file]').setInputFiles(join(FIXTURES, 'holidays-test-year.json'));
  const preview = page.getByTestId('holiday-preview');
  await expect(preview).toContainText('2027 年节假日安排');
  await expect(page.getByTestId('holiday-counts')).toHaveText('放假 11 天，调休上班 1 天。');
  await expect(page.getByTestId('holiday-affected').locator('li')).toHaveCount(1);
  // A date of another year says which.
  await expect(page.getByTestId('holiday-affected')).toContainText('2027年1月1日 周五');
  await expect(page.getByTestId('holiday-affected')).toContainText('周五合唱');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/holiday-load-zh.png', fullPage: true });
  // Nothing is written before the tap.
  expect(await recordCounts(page)).toEqual(before);
  await page.getByTestId('load-holidays').click();
  await expect(page.getByTestId('holidays-loaded')).toHaveText('已导入 2027 年节假日安排。日历和重复预约会按它标注和跳过。');
  // Loaded here, after its own preview: nothing more to review.
  await expect(page.getByTestId('holiday-review')).toHaveCount(0);
  const after = await recordCounts(page);
  expect(after.holiday_years).toBe('1');
  expect(after.total).toBe(String(Number(before.total) + 1));

  // The booking is listed, not moved: it is still there on the holiday.
  await page.reload();
  await openSpace(page, '安家院儿');
  await showDay(page, '2027-01-01');
  await expect(page.getByTestId('day-view').getByTestId('day-mark')).toHaveText('法定假日：元旦');
  await expect(page.getByTestId('slots').locator('[data-slot=taken]', { hasText: '周五合唱' }).first()).toBeVisible();

  // The same file again replaces the year and touches nothing new.
  await page.locator('[data-tab=data]').click();
  await page.locator('input[name=import-file]').setInputFiles(join(FIXTURES, 'holidays-test-year.json'));
  await expect(page.getByTestId('holiday-preview')).toContainText('这台手机已有这一年的安排');
  await expect(page.getByTestId('holiday-affected-none')).toBeVisible();
  await page.getByTestId('cancel-import').click();

  // A backup carries it, so another phone gets the year with the records.
  const backup = await downloadFile(page, 'export-all');
  const doc = JSON.parse(backup.text);
  expect(doc.records.holiday_years).toHaveLength(1);
  expect(doc.records.holiday_years[0].year).toBe(2027);
});

test('a year that arrives from another phone in a backup lists the saved series dates it touches, on Data and from Today', async ({ page }) => {
  await demoAt(page, '2026-12-02');
  await previewWeekly(page, '2026-12-18', '周五合唱', 3);
  await page.getByTestId('save-series').click();
  await expect(page.getByTestId('page-title')).toHaveText('安家院儿');

  // Another phone's backup, holding the 2027 arrangement it loaded.
  await page.locator('[data-tab=data]').click();
  const backup = JSON.parse((await downloadFile(page, 'export-all')).text);
  const year = JSON.parse(await readFile(join(FIXTURES, 'holidays-test-year.json'), 'utf8'));
  backup.records.holiday_years = [{
    id: '686f6c69-6461-0000-8000-0000000007eb', // the id every phone gives 2027
    created_at: '2026-12-01T01:00:00Z',
    updated_at: '2026-12-01T01:00:00Z',
    device_id: 'another-phone',
    deleted: false,
    ...year,
  }];
  await expect(page.getByTestId('holiday-review')).toHaveCount(0);
  await page.locator('input[name=import-file]').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
  await expect(page.getByTestId('import-counts').locator('tr[data-kind=holiday_years] td[data-col=new]')).toHaveText('1');
  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('imported')).toBeVisible();
  const review = page.getByTestId('holiday-review');
  await expect(review).toContainText('其他手机带来了新的节假日安排');
  await expect(review.locator('li')).toHaveCount(1);
  await expect(review).toContainText('2027年1月1日 周五');
  await page.locator('[data-tab=today]').click();
  await expect(page.getByTestId('holiday-pointer')).toHaveText('节假日安排有变：1 个已保存的预约或班次待查看');
  await page.getByTestId('holiday-pointer').getByRole('link').click();
  await review.getByRole('link', { name: '周五合唱' }).click();
  await expect(page.getByTestId('page-title')).toHaveText('周五合唱');
  await page.locator('[data-tab=data]').click();
  await page.getByTestId('holiday-review-done').click();
  await expect(page.getByTestId('holiday-review')).toHaveCount(0);
  await page.locator('[data-tab=today]').click();
  await expect(page.getByTestId('holiday-pointer')).toHaveCount(0);
});
