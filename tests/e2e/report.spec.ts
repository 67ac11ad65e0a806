import { Page } from '@playwright/test';
import { test, expect, loadDemo, downloadFile, expectNoSideways, openInSpreadsheet } from './fixtures';

// The clock is fixed at Wednesday 2 December 2026 (fixtures.ts): the
// report opens on November 2026, the last full month. Every expected
// figure is worked out below from the phone's own backup, not typed in.

type Figures = { activities: number; served: number; minutes: number; volunteers: number; fresh: number };

/** Counts `month` (YYYY-MM) from a backup's records, by the report's rules, written a second time here. */
function monthFigures(backup: string, month: string, team?: string): Figures {
  const { records } = JSON.parse(backup);
  const inMonth = (start: string) => start.slice(0, 7) === month;
  const activities = new Map<string, any>(records.activities.filter((a: any) => !a.deleted).map((a: any) => [a.id, a]));
  const live = (b: any) => !b.deleted && (b.status === 'confirmed' || b.status === 'requested');
  const held = team ? [] : records.bookings.filter((b: any) => live(b) && inMonth(b.start) && b.check_in);
  const shifts = records.shifts.filter((s: any) => {
    const a = activities.get(s.activity_id);
    return !s.deleted && a && inMonth(s.start) && (!team || (a.team ?? '').trim() === team);
  });
  const minutesBetween = (from: string, to: string) => (Date.parse(to + ':00Z') - Date.parse(from + ':00Z')) / 60000;
  const given = (a: any, s: any) => {
    if (a.deleted) return 0;
    if (a.correction) return Math.max(0, a.correction.minutes);
    if ((a.status === 'completed' || a.status === 'checked_in') && a.check_in && a.check_out && a.check_in < a.check_out) {
      return minutesBetween(a.check_in, a.check_out);
    }
    return a.status === 'completed' ? Math.max(0, minutesBetween(s.start, s.end)) : 0;
  };
  const sessions = new Set<string>();
  let served = held.reduce((n: number, b: any) => n + b.check_in.attendance, 0);
  let minutes = 0;
  const people = new Set<string>();
  for (const s of shifts) {
    const on = records.assignments.filter((a: any) => !a.deleted && a.shift_id === s.id);
    const kind = activities.get(s.activity_id).kind;
    const tookPlace = (s.served ?? 0) > 0 || on.some((a: any) => a.status === 'checked_in' || a.status === 'completed');
    if (tookPlace && kind !== 'duty') sessions.add(`${s.activity_id} ${s.start.slice(0, 10)}`);
    served += s.served ?? 0;
    for (const a of on) {
      const m = given(a, s);
      if (m > 0) {
        minutes += m;
        people.add(a.volunteer_id);
      }
    }
  }
  const fresh = records.volunteers.filter(
    (v: any) => !v.deleted && v.joined_on.slice(0, 7) === month && (!team || v.teams.some((t: string) => t.trim() === team)),
  ).length;
  return { activities: sessions.size + held.length, served, minutes, volunteers: people.size, fresh };
}

const grouped = (n: number) => n.toLocaleString('en-US');
const hours = (minutes: number) => {
  const tenths = Math.floor((minutes * 10 + 30) / 60);
  return tenths % 10 === 0 ? grouped(tenths / 10) : `${grouped(Math.floor(tenths / 10))}.${tenths % 10}`;
};

async function backupText(page: Page): Promise<string> {
  await page.locator('[data-tab=data]').click();
  return (await downloadFile(page, 'export-all')).text;
}

async function figure(page: Page, name: string): Promise<string> {
  return (await page.locator(`[data-figure=${name}] [data-testid=figure-value]`).textContent()) ?? '';
}

async function openReport(page: Page) {
  await page.locator('[data-tab=data]').click();
  await page.getByTestId('open-report').click();
  await expect(page.getByTestId('report')).toBeVisible();
}

test('last month’s report on a phone: figures from the records, charts with their tables, a paragraph to paste, in Chinese and English', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await loadDemo(page);
  const backup = await backupText(page);
  const want = monthFigures(backup, '2026-11');
  const before = monthFigures(backup, '2026-10');
  expect(want.activities, 'the demo holds November activities').toBeGreaterThan(0);

  await openReport(page);
  await expect(page.getByTestId('report-month')).toHaveValue('2026-11');
  await expect(page.getByTestId('report-heading')).toHaveText('本社区 · 2026年11月月度报告');
  await expect(page.locator('[data-figure=ActivitiesHeld] [data-testid=figure-value]')).toHaveText(grouped(want.activities));
  expect(await figure(page, 'PeopleServed')).toBe(grouped(want.served));
  expect(await figure(page, 'VolunteerHours')).toBe(hours(want.minutes));
  expect(await figure(page, 'VolunteersServing')).toBe(grouped(want.volunteers));
  expect(await figure(page, 'NewVolunteers')).toBe(grouped(want.fresh));
  // Last month beside it, with the way it moved in words as well as an arrow.
  const activities = page.locator('[data-figure=ActivitiesHeld] .figure-trend');
  await expect(activities).toContainText(`上月 ${grouped(before.activities)}`);
  await expect(activities).toContainText(want.activities > before.activities ? '比上月多' : want.activities < before.activities ? '比上月少' : '与上月持平');

  // A chart's bars are its table's rows; the weekday chart has seven.
  const spaceRows = page.getByTestId('table-report-2026-11-spaces').locator('tbody tr');
  await expect(page.getByTestId('chart-spaces').locator('rect')).toHaveCount(await spaceRows.count());
  await expect(page.getByTestId('chart-weekdays').locator('rect')).toHaveCount(7);
  await expect(page.getByTestId('report-trend-chart').locator('svg')).toHaveCount(3);
  await expect(page.getByTestId('table-report-2026-11-trend').locator('tbody tr')).toHaveCount(12);
  await expect(page.getByTestId('table-report-2026-11-trend').locator('tbody tr').last().locator('td').first()).toHaveText('2026年11月');

  // The paragraph, in the reports' own style, and copied whole.
  const paragraph = page.getByTestId('report-paragraph');
  await expect(paragraph).toHaveValue(
    new RegExp(`^2026年11月，本社区共开展活动 ${grouped(want.activities)} 场，服务群众 ${grouped(want.served)} 人次；志愿者 ${grouped(want.volunteers)} 人参与服务 ${hours(want.minutes)} 小时，新增志愿者 ${want.fresh} 人.*。$`),
  );
  await page.getByTestId('report-copy').click();
  await expect(page.getByTestId('report-copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await paragraph.inputValue());

  // Every table has its CSV: the same rows, opened by a real spreadsheet.
  const csv = await downloadFile(page, 'csv-report-2026-11-spaces');
  expect(csv.name).toMatch(/^linli-report-2026-11-spaces-2026-12-02\.csv$/);
  const sheet = await openInSpreadsheet(csv.text);
  expect(sheet.formulas).toEqual([]);
  const firstSpace = await spaceRows.first().locator('td').first().textContent();
  expect(sheet.cells).toContain(firstSpace);
  expect(sheet.cells).toContain('使用率（%）');

  await expectNoSideways(page);
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/report-zh.png', fullPage: true });

  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('report-heading')).toHaveText('Our community · report for Nov 2026');
  await expect(paragraph).toHaveValue(
    new RegExp(`^In Nov 2026, Our community held ${grouped(want.activities)} activities serving ${grouped(want.served)} people; ${grouped(want.volunteers)} volunteers gave ${hours(want.minutes)} hours, and ${want.fresh} new volunteers joined.*\\.$`),
  );
  await expect(page.locator('[data-figure=PeopleServed] .figure-label')).toHaveText('People served');
  await expectNoSideways(page);
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/report-en.png', fullPage: true });
});

test('a month, a team and this month so far are one choice away; Rosters opens the report too', async ({ page }) => {
  await loadDemo(page);
  const backup = await backupText(page);
  await page.locator('[data-tab=rosters]').click();
  await page.getByTestId('open-report').click();
  await expect(page.getByTestId('report-heading')).toContainText('2026年11月');

  const team = '保安机动队';
  const want = monthFigures(backup, '2026-11', team);
  await page.getByTestId('report-scope').selectOption({ label: `队伍：${team}` });
  await expect(page.locator('[data-figure=VolunteerHours] [data-testid=figure-value]')).toHaveText(hours(want.minutes));
  expect(await figure(page, 'NewVolunteers')).toBe(grouped(want.fresh));
  // The teams' table of a team's report is that team alone.
  await expect(page.getByTestId('table-report-2026-11-teams').locator('tbody tr')).toHaveCount(want.minutes > 0 ? 1 : 0);

  await page.getByTestId('report-scope').selectOption({ label: '全社区' });
  await page.getByTestId('report-this-month').click();
  await expect(page.getByTestId('report-month')).toHaveValue('2026-12');
  await expect(page.getByTestId('report-heading')).toContainText('2026年12月');
  await expect(page.getByText('本月尚未结束：数字截至今天。')).toBeVisible();
  const december = monthFigures(backup, '2026-12');
  await expect(page.locator('[data-figure=ActivitiesHeld] [data-testid=figure-value]')).toHaveText(grouped(december.activities));

  // A month with no records says so rather than showing a wall of zeros alone.
  await page.getByTestId('report-month').fill('2020-01');
  await page.getByTestId('report-month').dispatchEvent('change');
  await expect(page.getByTestId('report-empty')).toHaveText('这个月没有可统计的记录。');
  await page.getByTestId('report-last-month').click();
  await expect(page.getByTestId('report-month')).toHaveValue('2026-11');
});

test('people served entered at the check-in table count in the report; a count that is not a number changes nothing', async ({ page }) => {
  await loadDemo(page);
  await openReport(page);
  const served = Number((await figure(page, 'PeopleServed')).replace(/,/g, ''));

  // Monday 30 November's meal round, at its check-in table.
  await page.locator('[data-tab=rosters]').click();
  await page.getByRole('link', { name: '助老送餐' }).click();
  const url = new URL(page.url());
  await page.goto(`${url.pathname}/check-in?date=2026-11-30`);
  const form = page.getByTestId('served-form').first();
  const input = form.getByTestId('served-input');
  const had = Number((await input.inputValue()) || '0');

  await input.fill('十二');
  await form.getByTestId('served-save').click();
  await expect(form.getByTestId('served-problem')).toHaveText('请只填数字，例如 40；不填表示没有记录。');
  await input.fill('１２３４５６７');
  await form.getByTestId('served-save').click();
  await expect(form.getByTestId('served-problem')).toHaveText('人数太大了，请检查是否多输了位数（最多 100000）。');
  await expect(form.getByTestId('served-saved')).toHaveCount(0);

  await input.fill('40');
  await form.getByTestId('served-save').click();
  await expect(form.getByTestId('served-saved')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('served-form').first().getByTestId('served-input')).toHaveValue('40');

  await openReport(page);
  await expect(page.locator('[data-figure=PeopleServed] [data-testid=figure-value]')).toHaveText(grouped(served - had + 40));
});

test('the report prints on A4 portrait with the community’s name and the month on top', async ({ page }) => {
  await loadDemo(page);
  await openReport(page);
  await page.getByTestId('report-community').fill('安家社区');
  await page.getByTestId('report-community').dispatchEvent('change');
  await expect(page.getByTestId('report-heading')).toHaveText('安家社区 · 2026年11月月度报告');
  await expect(page.getByTestId('report-trend-chart')).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.tab-bar')).toBeHidden();
  await expect(page.getByTestId('report-copy')).toBeHidden();
  await expect(page.getByTestId('report-month')).toBeHidden();
  await expect(page.getByTestId('report-heading')).toBeVisible();
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/report-print.png', fullPage: true });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map(
    (m) => `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}`,
  );
  expect(boxes.length).toBeGreaterThan(0);
  for (const box of boxes) expect(box).toBe('595x842');
  // Figures, charts and tables of a month in a few pages, not a long scroll.
  expect(boxes.length).toBeLessThanOrEqual(4);
  // The name survives a reload: it is this phone's setting.
  await page.emulateMedia({ media: 'screen' });
  await page.reload();
  await expect(page.getByTestId('report-heading')).toHaveText('安家社区 · 2026年11月月度报告');
});
