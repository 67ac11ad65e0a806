import { Page } from '@playwright/test';
import { test, expect, loadDemo, downloadFile, expectNoSideways, openInSpreadsheet, importText } from './fixtures';

// The clock is fixed at Wednesday 2 December 2026 (fixtures.ts): the
// report opens on November 2026, the last full month. Every expected
// figure is worked out below from the phone's own backup, not typed in.

type Figures = { activities: number; served: number; minutes: number; volunteers: number; fresh: number };

/**
 * Counts `month` (YYYY-MM) from a backup's records, by the report's rules,
 * written a second time here; a month not over is counted `until` now
 * ("YYYY-MM-DDTHH:MM"): what has not started yet is left out.
 */
function monthFigures(backup: string, month: string, team?: string, until = '9999'): Figures {
  const { records } = JSON.parse(backup);
  const inMonth = (start: string) => start.slice(0, 7) === month && start < until;
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
    (v: any) =>
      !v.deleted && v.joined_on.slice(0, 7) === month && v.joined_on <= until.slice(0, 10) && (!team || v.teams.some((t: string) => t.trim() === team)),
  ).length;
  return { activities: sessions.size + held.length, served, minutes, volunteers: people.size, fresh };
}

const grouped = (n: number) => n.toLocaleString('en-US');
/** "1 activity", "0 activities", "1,216 people". */
const en = (n: number, one: string, many: string) => `${grouped(n)} ${n === 1 ? one : many}`;
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
    new RegExp(
      `^In Nov 2026, our community held ${en(want.activities, 'activity', 'activities')} serving ${en(want.served, 'person', 'people')}; ` +
        `${en(want.volunteers, 'volunteer', 'volunteers')} gave ${hours(want.minutes)} ${hours(want.minutes) === '1' ? 'hour' : 'hours'}, ` +
        `and ${en(want.fresh, 'new volunteer', 'new volunteers')} joined.*\\.$`,
    ),
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
  // As of now (the fixed clock): what has not started is not counted yet.
  await expect(page.getByTestId('report-so-far')).toContainText('本月尚未结束：数字截至 12月2日 周三 09:10。');
  const december = monthFigures(backup, '2026-12', undefined, '2026-12-02T09:10');
  // Booked hours count only what has started, a booking under way up to now.
  const { records } = JSON.parse(backup);
  const now = '2026-12-02T09:10';
  const minutes = (from: string, to: string) => (Date.parse(to + ':00Z') - Date.parse(from + ':00Z')) / 60000;
  const bookedSoFar = new Map<string, number>();
  let ahead = 0;
  for (const b of records.bookings) {
    if (b.deleted || !['confirmed', 'requested'].includes(b.status) || b.start.slice(0, 7) !== '2026-12') continue;
    const name = records.spaces.find((sp: any) => sp.id === b.space_id)?.name;
    if (b.start >= now) ahead += 1;
    else bookedSoFar.set(name, (bookedSoFar.get(name) ?? 0) + minutes(b.start, b.end < now ? b.end : now));
  }
  expect(ahead, 'the demo has bookings later this month').toBeGreaterThan(0);
  const rows = page.getByTestId('table-report-2026-12-spaces').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    const name = ((await row.locator('td').first().textContent()) ?? '').trim();
    await expect(row.locator('td').nth(1), name).toHaveText(hours(bookedSoFar.get(name) ?? 0));
  }
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

/**
 * A backup of one community with `n` of everything in November 2026: a
 * checked-in booking with one person, a volunteer who joined, a patrol
 * shift one of them gave an hour to. Made from the demo's own records.
 */
function monthOf(backup: string, n: number): string {
  const doc = JSON.parse(backup);
  const r = doc.records;
  const id = (kind: number, i: number) => `00000000-0000-4000-8000-${String(kind * 100 + i).padStart(12, '0')}`;
  const space = r.spaces.find((s: any) => !s.deleted && s.active);
  const booking = r.bookings.find((b: any) => !b.deleted && b.space_id === space.id && b.start.startsWith('2026-11') && b.check_in);
  const duty = r.activities.find((a: any) => !a.deleted && a.kind === 'duty');
  const shift = r.shifts.find((s: any) => !s.deleted && s.activity_id === duty.id && s.start.startsWith('2026-11'));
  const assignment = r.assignments.find((a: any) => !a.deleted);
  const at = (day: number, clock: string) => `2026-11-${String(day).padStart(2, '0')}T${clock}`;
  const records: any = { spaces: [space], bookings: [], volunteers: [], activities: [{ ...duty, place: { type: 'text', text: '东门' } }], shifts: [], assignments: [] };
  for (let i = 1; i <= n; i++) {
    const day = 10 + i;
    records.bookings.push({ ...booking, id: id(1, i), series_id: null, start: at(day, '09:00'), end: at(day, '10:00'), check_in: { at: at(day, '09:00'), attendance: 1 }, status: 'confirmed', status_change: null });
    records.volunteers.push({ ...r.volunteers[0], id: id(2, i), name: `志愿者${i}`, joined_on: at(day, '00:00').slice(0, 10) });
    records.shifts.push({ ...shift, id: id(3, i), start: at(day, '18:00'), end: at(day, '19:00'), served: null, required_skill: null });
    records.assignments.push({ ...assignment, id: id(4, i), shift_id: id(3, i), volunteer_id: id(2, i), status: 'completed', check_in: at(day, '18:00'), check_out: at(day, '19:00'), correction: null });
  }
  return JSON.stringify({ ...doc, records });
}

test('in English the paragraph says 0, 1 and 2 of everything as English does, “our community” inside a sentence', async ({ page, browser }) => {
  await loadDemo(page);
  const backup = await backupText(page);
  const wants: Record<number, string> = {
    0: 'In Jan 2020, our community held 0 activities serving 0 people; 0 volunteers gave 0 hours, and 0 new volunteers joined.',
    1: 'In Nov 2026, our community held 1 activity serving 1 person; 1 volunteer gave 1 hour, and 1 new volunteer joined; 1 patrol or duty was kept',
    2: 'In Nov 2026, our community held 2 activities serving 2 people; 2 volunteers gave 2 hours, and 2 new volunteers joined; 2 patrols and duties were kept',
  };
  for (const n of [0, 1, 2]) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await context.newPage();
    await phone.clock.setFixedTime(new Date('2026-12-02T09:10:00+08:00'));
    await phone.goto('/');
    await phone.getByTestId('start-empty').click();
    await phone.getByTestId('lang-switch').click();
    await phone.locator('[data-tab=data]').click();
    if (n > 0) {
      await importText(phone, monthOf(backup, n));
      await phone.getByTestId('apply-import').click();
      await expect(phone.getByTestId('imported')).toBeVisible();
    }
    await phone.goto(n === 0 ? '/report?month=2020-01' : '/report?month=2026-11');
    await expect(phone.getByTestId('report-paragraph')).toHaveValue(n === 0 ? wants[0] : new RegExp(`^${wants[n]}[;.]`));
    if (n === 1) await expect(phone.getByTestId('report-sessions')).toContainText('1 space booking');
    await context.close();
  }
});

test('a community with twice the demo’s spaces and activities prints without half-empty pages: long tables break between rows, their header again', async ({ page }) => {
  await loadDemo(page);
  const doc = JSON.parse(await backupText(page));
  const r = doc.records;
  // A second of every space and activity (with their bookings and shifts), under new ids and names.
  const twin = (id: string) => id.slice(0, -4) + 'ffff';
  const twins = {
    spaces: r.spaces.map((s: any) => ({ ...s, id: twin(s.id), name: `${s.name}（二）` })),
    bookings: r.bookings.map((b: any) => ({ ...b, id: twin(b.id), space_id: twin(b.space_id), series_id: b.series_id && twin(b.series_id) })),
    activities: r.activities.map((a: any) => ({
      ...a,
      id: twin(a.id),
      title: `${a.title}（二）`,
      place: a.place.type === 'space' ? { ...a.place, space_id: twin(a.place.space_id), booking_id: a.place.booking_id && twin(a.place.booking_id) } : a.place,
    })),
    shifts: r.shifts.map((s: any) => ({ ...s, id: twin(s.id), activity_id: twin(s.activity_id) })),
  };
  doc.records = { ...r, spaces: twins.spaces, bookings: twins.bookings, activities: twins.activities, shifts: twins.shifts, volunteers: [], assignments: [] };
  await page.locator('[data-tab=data]').click();
  await importText(page, JSON.stringify(doc));
  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('imported')).toBeVisible();
  await openReport(page);
  await expect(page.getByTestId('report-trend-chart')).toBeVisible();
  const spaces = await page.getByTestId('table-report-2026-11-spaces').locator('tbody tr').count();
  expect(spaces).toBeGreaterThanOrEqual(2 * r.spaces.filter((s: any) => !s.deleted && s.active).length);

  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  // What the report is high on paper, laid out as one long page: the pages
  // it prints on are that, give or take one, not more.
  const tall = await page.evaluate(() => document.querySelector('.report')!.getBoundingClientRect().height);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const pages = [...pdf.toString('latin1').matchAll(/\/Type\s*\/Page[^s]/g)].length;
  const perPage = ((297 - 24) / 25.4) * 96;
  expect(pages).toBeLessThanOrEqual(Math.ceil(tall / perPage) + 1);
  // No page but the last is left half empty: each is drawn (poppler's
  // pdftoppm, a plain PPM) and its last inked row found.
  const { writeFile, readFile, readdir, mkdtemp } = await import('node:fs/promises');
  const { execFileSync } = await import('node:child_process');
  const dir = await mkdtemp('/tmp/linli-report-');
  await writeFile(`${dir}/report.pdf`, pdf);
  execFileSync('pdftoppm', ['-r', '30', `${dir}/report.pdf`, `${dir}/page`]);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ppm')).sort();
  expect(files.length).toBe(pages);
  const filled: number[] = [];
  for (const f of files) {
    const ppm = await readFile(`${dir}/${f}`);
    const header = ppm.toString('latin1', 0, 40).match(/^P6\s+(\d+)\s+(\d+)\s+255\s/)!;
    const [w, h] = [Number(header[1]), Number(header[2])];
    const data = ppm.subarray(header[0].length);
    let last = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (data[(y * w + x) * 3] < 160) {
          last = y;
          break;
        }
      }
    }
    filled.push(Math.round((100 * last) / h));
  }
  expect(filled.slice(0, -1).every((p) => p >= 65), `how far down each page is printed (%): ${filled}`).toBe(true);
  // Long tables may break, their header row printed again; charts stay whole.
  const css = await page.evaluate(() => {
    const table = document.querySelector('[data-testid=table-report-2026-11-spaces]')!;
    return {
      table: getComputedStyle(table).breakInside,
      head: getComputedStyle(table.querySelector('thead')!).display,
      chart: getComputedStyle(document.querySelector('.chart')!).breakInside,
    };
  });
  expect(css).toEqual({ table: 'auto', head: 'table-header-group', chart: 'avoid' });
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/report-print-twice.png', fullPage: true });
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
