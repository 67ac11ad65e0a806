import { Page, Browser } from '@playwright/test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFile } from 'node:fs/promises';
import { test, expect, loadDemo, recordCounts, expectNoSideways } from './fixtures';

// Wednesday 2 December 2026, 09:10 in Shanghai.
const NOW = new Date('2026-12-02T09:10:00+08:00');

async function demoAt(page: Page) {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
}

/** Clicks `testid` and returns the downloaded file's name and text. */
async function download(page: Page, testid: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

async function importText(page: Page, text: string, name = 'linli.json') {
  await page.locator('input[name=import-file]').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text, 'utf8'),
  });
}

async function emptyPhone(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.setFixedTime(NOW);
  await page.goto('/');
  await page.getByTestId('start-empty').click();
  await page.locator('[data-tab=data]').click();
  return page;
}

test('a backup made on one phone imports into another, and importing it twice changes nothing', async ({ page, browser }) => {
  await demoAt(page);
  const before = await recordCounts(page);
  await expect(page.getByTestId('last-backup')).toHaveText('这台手机还没有备份过。');
  const backup = await download(page, 'export-all');
  expect(backup.name).toBe('linli-backup-2026-12-02.json');
  const doc = JSON.parse(backup.text);
  expect(doc.header.format).toBe('linli-exchange');
  expect(doc.header.format_version).toBe(1);
  expect(doc.records.volunteers.length).toBe(Number(before.volunteers));
  await expect(page.getByTestId('last-backup')).toContainText('上次备份：12月2日 周三 09:10');

  const other = await emptyPhone(browser);
  await importText(other, backup.text);
  const counts = other.getByTestId('import-counts');
  await expect(counts.locator('tr[data-kind=bookings] td[data-col=new]')).toHaveText(before.bookings);
  await expect(counts.locator('tr[data-kind=assignments] td[data-col=new]')).toHaveText(before.assignments);
  await other.screenshot({ path: 'tests/e2e/artifacts/screens/import-preview-zh.png', fullPage: true });
  await other.getByTestId('apply-import').click();
  await expect(other.getByTestId('imported')).toBeVisible();
  expect(await recordCounts(other)).toEqual(before);
  await other.reload();
  expect(await recordCounts(other)).toEqual(before);

  await importText(other, backup.text);
  await expect(other.getByTestId('import-nothing')).toHaveText('本机已经有文件里的全部内容，无需导入。');
  await expect(other.getByTestId('apply-import')).toHaveCount(0);
  await other.context().close();
});

test('broken, foreign, newer and invalid files are refused with the reason and change nothing', async ({ page }) => {
  await demoAt(page);
  const before = await recordCounts(page);
  const backup = await download(page, 'export-all');

  await importText(page, '{"header": {"format": "linli-exchange", ');
  await expect(page.getByTestId('import-refused')).toContainText('这个文件不是有效的 JSON');
  await importText(page, '{"name": "某个别的应用"}');
  await expect(page.getByTestId('import-refused')).toHaveText('这不是邻里的文件。没有做任何更改。');

  const newer = JSON.parse(backup.text);
  newer.header.format_version = 99;
  await importText(page, JSON.stringify(newer));
  await expect(page.getByTestId('import-refused')).toContainText('更新版本的邻里（格式 99）');

  const damaged = JSON.parse(backup.text);
  damaged.records.bookings[1].start = '2026-12-02T25:00';
  await importText(page, JSON.stringify(damaged));
  await expect(page.getByTestId('import-refused')).toHaveText('文件中预约第 2 条的 start 写法不对。没有做任何更改。');

  const invalid = JSON.parse(backup.text);
  invalid.records.bookings[2].end = invalid.records.bookings[2].start;
  invalid.records.assignments[0].shift_id = '00000000-0000-4000-8000-000000000000';
  invalid.records.bookings[2].meta_note = '<img src=x onerror=alert(1)>';
  invalid.records.bookings[2].title = '<script>alert(1)</script>';
  await importText(page, JSON.stringify(invalid));
  const problems = page.getByTestId('import-problems');
  await expect(problems).toContainText('文件有 2 处问题');
  await expect(problems).toContainText('预约第 3 条（end）：结束不晚于开始');
  await expect(problems).toContainText('排班安排第 1 条（shift_id）：指向的班次既不在文件里，也不在本机');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/import-problems-zh.png', fullPage: true });
  expect(await recordCounts(page)).toEqual(before);
});

test('a booking clash on import is settled by the user: take theirs cancels mine', async ({ page }) => {
  await demoAt(page);
  await page.locator('[data-tab=data]').click();
  const backup = await download(page, 'export-all');
  const doc = JSON.parse(backup.text);
  const mine = doc.records.bookings.find((b: any) => b.title === '长者康复操' && b.start === '2026-12-03T09:00');
  const theirs = {
    ...mine,
    id: '11111111-2222-4333-8444-555555555555',
    title: '外来的活动',
    created_at: '2026-12-02T02:00:00Z',
    updated_at: '2026-12-02T02:00:00Z',
    device_id: 'phone-b',
    series_id: null,
  };
  doc.records = { spaces: [], bookings: [theirs], volunteers: [], activities: [], shifts: [], assignments: [] };
  await importText(page, JSON.stringify(doc));
  await expect(page.getByTestId('conflict')).toHaveCount(1);
  await expect(page.getByTestId('conflict')).toContainText('文件中的“外来的活动”与本机的“长者康复操”时间重叠');
  await page.getByTestId('conflict').getByLabel('采用文件的（本机的记为取消）').check();
  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('imported')).toHaveText('导入完成：写入 2 条记录。');
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '健身房' }).click();
  const list = page.getByTestId('space-bookings');
  await expect(list.locator('li', { hasText: '外来的活动' })).toContainText('已确认');
  await expect(list.locator('li', { hasText: '长者康复操' }).filter({ hasText: '09:00' }).nth(1)).toContainText('已取消');
});

test('in English the import preview counts as English does: 1 clash, 2 clashes; 1 record written', async ({ page }) => {
  await demoAt(page);
  await page.getByTestId('lang-switch').click();
  await page.locator('[data-tab=data]').click();
  const doc = JSON.parse((await download(page, 'export-all')).text);
  const taken = doc.records.bookings
    .filter((b: any) => b.title === '长者康复操' && !b.deleted && b.status === 'confirmed' && b.start > '2026-12-02')
    .slice(0, 2);
  expect(taken).toHaveLength(2);
  const visitors = (b: any, n: number) => ({
    ...b,
    id: `11111111-2222-4333-8444-55555555555${n}`,
    title: `Visitors ${n}`,
    created_at: '2026-12-02T02:00:00Z',
    updated_at: '2026-12-02T02:00:00Z',
    device_id: 'phone-b',
    series_id: null,
  });
  const only = (bookings: any[]) =>
    JSON.stringify({ ...doc, records: { spaces: [], bookings, volunteers: [], activities: [], shifts: [], assignments: [] } });
  const heading = page.locator('main h3').filter({ hasText: /to settle first$/ });
  await importText(page, only([visitors(taken[0], 1), visitors(taken[1], 2)]));
  await expect(heading).toHaveText('2 clashes to settle first');
  await page.getByTestId('cancel-import').click();
  await importText(page, only([visitors(taken[0], 1)]), 'one.json');
  await expect(heading).toHaveText('1 clash to settle first');
  await page.getByTestId('conflict').getByRole('radio').first().check();
  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('imported')).toHaveText(/^Imported: \d+ records? written\.$/);
  const written = Number((await page.getByTestId('imported').textContent())!.match(/\d+/)![0]);
  await expect(page.getByTestId('imported')).toHaveText(`Imported: ${written} ${written === 1 ? 'record' : 'records'} written.`);
});

test('keeping mine on an import clash leaves a trace: the same file again asks nothing, and the choice says who made it', async ({ page }) => {
  await demoAt(page);
  await page.locator('[data-tab=data]').click();
  const backup = await download(page, 'export-all');
  const doc = JSON.parse(backup.text);
  const only = (bookings: any[]) => JSON.stringify({
    ...doc,
    records: { spaces: [], bookings, volunteers: [], activities: [], shifts: [], assignments: [] },
  });
  const fair = doc.records.bookings.find((b: any) => b.title === '美食节');
  const phoneB = { created_at: '2026-12-02T02:00:00Z', updated_at: '2026-12-02T02:00:00Z', device_id: 'phone-b', series_id: null };
  // This phone holds a booking on the morning phone B moves the fair to.
  const mine = { ...fair, ...phoneB, id: '21111111-2222-4333-8444-555555555555', title: '书画展', start: '2027-01-16T09:00', end: '2027-01-16T12:00' };
  await importText(page, only([mine]));
  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('imported')).toBeVisible();
  // Phone B moved the fair and put a class in the slot it left.
  const moved = { ...fair, updated_at: '2026-12-02T03:00:00Z', device_id: 'phone-b', start: '2027-01-16T10:00', end: '2027-01-16T11:00' };
  const movedIn = { ...fair, ...phoneB, id: '31111111-2222-4333-8444-555555555555', title: '太极拳班', start: fair.start, end: fair.end };
  const fromB = only([moved, movedIn]);
  await importText(page, fromB);
  await expect(page.getByTestId('conflict')).toHaveCount(1);
  await expect(page.getByTestId('conflict')).toContainText('书画展');
  await expect(page.getByTestId('conflict').getByLabel('保留本机的（文件的记为取消）')).toBeChecked();
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('conflict').getByLabel('Keep mine (theirs kept as cancelled)')).toBeChecked();
  await expect(page.getByTestId('conflict').getByLabel('Take theirs (mine kept as cancelled)')).not.toBeChecked();
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('imported')).toBeVisible();
  const after = JSON.parse((await download(page, 'export-all')).text).records.bookings;
  const fairNow = after.find((b: any) => b.id === fair.id);
  // The file's move is kept as a cancellation, newer than both versions.
  expect(fairNow.status).toBe('cancelled');
  expect(Date.parse(fairNow.updated_at)).toBeGreaterThan(Date.parse(moved.updated_at));
  expect(fairNow.status_change.reason).toBe('导入时发现冲突');
  expect(after.find((b: any) => b.id === mine.id).status).toBe(mine.status);
  expect(after.find((b: any) => b.id === movedIn.id).status).toBe('confirmed');
  // The same file again: nothing to settle, nothing to write.
  await importText(page, fromB);
  await expect(page.getByTestId('import-nothing')).toBeVisible();
  await expect(page.getByTestId('conflict')).toHaveCount(0);
  await page.getByTestId('cancel-import').click();
  // Nobody said "this is me" on this phone: the booking says which phone.
  const device = JSON.parse(backup.text).header.device_id.slice(0, 8);
  await page.goto(`/bookings/${fair.id}`);
  await expect(page.getByTestId('changed-by')).toHaveText(`状态由 本机（${device}） 更改。`);
});

test('replacing a phone with a backup saves a backup of it first', async ({ page, browser }) => {
  const other = await emptyPhone(browser);
  await demoAt(page);
  const before = await recordCounts(page);
  const backup = await download(page, 'export-all');
  // The empty phone has one volunteer of its own, which the replace removes.
  await other.locator('[data-tab=volunteers]').click();
  await other.getByTestId('add-volunteer').click();
  await other.locator('input[name=name]').fill('会被替换的人');
  await other.locator('input[name=consent][value=own]').check();
  await other.getByTestId('save-volunteer').click();
  await other.locator('[data-tab=data]').click();
  await importText(other, backup.text);
  await expect(other.getByTestId('import-preview')).toBeVisible();
  const [auto] = await Promise.all([other.waitForEvent('download'), other.getByTestId('replace-all').click()]);
  expect(auto.suggestedFilename()).toBe('linli-backup-2026-12-02.json');
  const saved = JSON.parse(await readFile(await auto.path(), 'utf8'));
  expect(saved.records.volunteers.map((v: any) => v.name)).toEqual(['会被替换的人']);
  await expect(other.getByTestId('replaced')).toBeVisible();
  expect(await recordCounts(other)).toEqual(before);
  await other.context().close();
});

test('a roster, a space\'s bookings and hours leave as files: JSON, CSV with BOM, iCalendar', async ({ page }) => {
  await demoAt(page);
  await page.locator('[data-tab=rosters]').click();
  const hours = await download(page, 'export-hours');
  expect(hours.name).toBe('linli-hours-2026-12-02.csv');
  expect(hours.text.startsWith('\uFEFF姓名,队伍,班次数,时长（小时）,未到次数')).toBe(true);
  await page.getByRole('link', { name: '美食节' }).click();
  await page.getByTestId('roster-more').locator('summary').click();
  const roster = await download(page, 'export-roster');
  const doc = JSON.parse(roster.text);
  expect(doc.header.covers.type).toBe('roster');
  expect(doc.records.shifts.length).toBe(6);
  expect(doc.records.volunteers.length).toBeGreaterThan(0);
  const csv = await download(page, 'export-roster-csv');
  expect(csv.text.split('\n')[0]).toBe('\uFEFF日期,时间,岗位,志愿者,电话,状态,时长（小时）');
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '红色议事厅' }).click();
  await page.getByTestId('space-more').locator('summary').click();
  const ics = await download(page, 'export-bookings-ics');
  expect(ics.name).toBe('linli-bookings-2026-12-02.ics');
  expect(ics.text).toContain('BEGIN:VCALENDAR');
  // 周四大家谈 at 19:00 in Shanghai is 11:00 UTC.
  expect(ics.text).toContain('DTSTART:20261203T110000Z');
  expect(ics.text).toMatch(/UID:booking-[0-9a-f-]{36}@linli/);
});

test('the published schema compiles in a strict validator and every file the app writes passes it', async ({ page, request }) => {
  const response = await request.get('/linli-exchange.schema.json');
  expect(response.ok()).toBe(true);
  const schema = await response.json();
  expect(schema.title).toBe('ExchangeDocument');
  // ajv, draft 2020-12, strict mode, standard formats only.
  const validate = new Ajv2020({ strict: true, allErrors: true });
  addFormats(validate);
  const check = validate.compile(schema);
  const valid = (text: string) => (check(JSON.parse(text)) ? [] : check.errors);

  await demoAt(page);
  await page.locator('[data-tab=data]').click();
  const backup = await download(page, 'export-all');
  expect(valid(backup.text)).toEqual([]);
  await page.locator('input[name=redact]').check();
  const shared = await download(page, 'export-all');
  expect(JSON.parse(shared.text).header.redacted).toBe(true);
  expect(valid(shared.text)).toEqual([]);
  // The shared file holds no phone or room; the backup keeps them; nothing else differs.
  const [full, cut] = [JSON.parse(backup.text).records, JSON.parse(shared.text).records];
  expect(full.volunteers.some((v) => v.phone !== '')).toBe(true);
  expect(cut.volunteers.every((v) => v.phone === '' && v.room === '')).toBe(true);
  expect(cut.bookings.every((b) => b.organiser.phone === '' && b.organiser.room === '')).toBe(true);
  const blanked = structuredClone(full);
  for (const v of blanked.volunteers) Object.assign(v, { phone: '', room: '' });
  for (const b of blanked.bookings) Object.assign(b.organiser, { phone: '', room: '' });
  expect(cut).toEqual(blanked);
  await page.locator('[data-tab=rosters]').click();
  await page.getByRole('link', { name: '美食节' }).click();
  await page.getByTestId('roster-more').locator('summary').click();
  expect(valid((await download(page, 'export-roster')).text)).toEqual([]);
  // And it refuses what the app refuses: an impossible time, a wrong type.
  const broken = JSON.parse(backup.text);
  broken.records.bookings[0].start = '2026-02-30T25:61';
  broken.records.spaces[0].capacity = -3;
  expect(check(broken)).toBe(false);
  const where = (check.errors ?? []).map((e) => e.instancePath);
  expect(where).toContain('/records/bookings/0/start');
  expect(where).toContain('/records/spaces/0/capacity');
});

test('HTML in a file is shown as plain text, an overlong name is refused, and a preview can be cancelled', async ({ page }) => {
  await demoAt(page);
  const before = await recordCounts(page);
  const backup = await download(page, 'export-all');
  const doc = JSON.parse(backup.text);
  const long = JSON.parse(backup.text);
  long.records.volunteers[0].name = '长'.repeat(10000);
  await importText(page, JSON.stringify(long));
  await expect(page.getByTestId('import-problems')).toContainText('志愿者第 1 条（name）：超过 2000 个字');

  let alerted = false;
  page.on('dialog', async (d) => { alerted = true; await d.dismiss(); });
  doc.records.volunteers[0].name = '<img src=x onerror=alert(1)>王芳';
  doc.records.volunteers[0].updated_at = '2026-12-02T02:00:00Z';
  await importText(page, JSON.stringify(doc));
  await expect(page.getByTestId('import-counts').locator('tr[data-kind=volunteers] td[data-col=changed]')).toHaveText('1');
  await page.getByTestId('cancel-import').click();
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  expect(await recordCounts(page)).toEqual(before);

  await importText(page, JSON.stringify(doc));
  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('imported')).toBeVisible();
  await page.locator('[data-tab=volunteers]').click();
  await page.locator('input[name=search]').fill('王芳');
  await expect(page.getByTestId('volunteer').first()).toContainText('<img src=x onerror=alert(1)>王芳');
  await expect(page.locator('main img')).toHaveCount(0);
  expect(alerted).toBe(false);
});

test("a space's bookings leave for the dates chosen, and a file for residents has no phones or rooms", async ({ page }) => {
  await demoAt(page);
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '健身房' }).click();
  await page.getByTestId('space-more').locator('summary').click();
  const box = page.getByTestId('bookings-export');
  await expect(box.locator('input[name=export-from]')).toHaveValue('2026-12-02');
  await expectNoSideways(page);
  await expect(box.locator('input[name=export-to]')).toHaveValue('2027-01-01');

  // Backwards and overlong ranges are named and nothing can be exported.
  await box.locator('input[name=export-to]').fill('2026-11-30');
  await expect(box.getByTestId('range-problem')).toHaveText('结束日期早于开始日期。');
  await expect(box.getByTestId('export-bookings')).toBeDisabled();
  await box.locator('input[name=export-to]').fill('2030-01-01');
  await expect(box.getByTestId('range-problem')).toHaveText('一次最多导出 731 天。');
  await expect(box.getByTestId('export-bookings-csv')).toBeDisabled();

  await box.locator('input[name=export-from]').fill('2026-12-07');
  await box.locator('input[name=export-to]').fill('2026-12-08');
  await expect(box.getByTestId('range-problem')).toHaveCount(0);
  const full = await download(page, 'export-bookings');
  const doc = JSON.parse(full.text);
  expect(doc.header.covers).toMatchObject({ type: 'space_bookings', from: '2026-12-07', to: '2026-12-08' });
  expect(doc.header.redacted).toBe(false);
  const dates = doc.records.bookings.map((b: any) => b.start.slice(0, 10));
  expect(dates.length).toBeGreaterThan(0);
  for (const d of dates) expect(['2026-12-07', '2026-12-08']).toContain(d);
  expect(doc.records.bookings.some((b: any) => b.organiser.phone !== '')).toBe(true);

  await box.locator('input[name=redact]').check();
  const shared = await download(page, 'export-bookings');
  expect(shared.name).toBe('linli-bookings-shared-2026-12-02.json');
  const open = JSON.parse(shared.text);
  expect(open.header.redacted).toBe(true);
  expect(open.records.bookings.length).toBe(doc.records.bookings.length);
  for (const b of open.records.bookings) expect([b.organiser.phone, b.organiser.room]).toEqual(['', '']);
  const csv = await download(page, 'export-bookings-csv');
  const rows = csv.text.trim().split('\n').slice(1).map((r) => r.split(','));
  expect(rows.length).toBe(doc.records.bookings.length);
  for (const r of rows) expect(r[5]).toBe('');
});

/** `copies` communities like the demo in one file: each copy with its own ids. */
function manyCommunities(backup: string, copies: number): string {
  const doc = JSON.parse(backup);
  const out: Record<string, any[]> = {};
  for (let copy = 0; copy < copies; copy++) {
    const prefix = copy.toString(16).padStart(8, '0');
    const text = JSON.stringify(doc.records).replace(
      /"[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/g,
      `"${prefix}$1"`,
    );
    for (const [kind, list] of Object.entries(JSON.parse(text) as Record<string, any[]>)) {
      (out[kind] ??= []).push(...list);
    }
  }
  return JSON.stringify({ header: doc.header, records: out });
}

test('a file of tens of megabytes imports with its progress shown, step by step', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await demoAt(page);
  await page.locator('[data-tab=data]').click();
  const backup = await download(page, 'export-all');
  const big = manyCommunities(backup.text, 80);
  const megabytes = Buffer.byteLength(big) / 1_048_576;
  expect(megabytes).toBeGreaterThan(15);
  const other = await emptyPhone(browser);
  // In the page: each step as it is shown, and the longest stretch the page
  // could not respond, for the report.
  await other.evaluate(() => {
    const w = window as any;
    w.steps = [] as [string, number][];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        (w.tasks ??= []).push([Math.round(e.startTime), Math.round(e.duration)]);
      }
    }).observe({ type: 'longtask', buffered: false });
    new MutationObserver(() => {
      const step = document.querySelector('[data-testid=import-stage]')?.getAttribute('data-step');
      if (step && (w.steps.length === 0 || w.steps[w.steps.length - 1][0] !== step)) {
        w.steps.push([step, Math.round(performance.now())]);
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const started = await other.evaluate(() => Math.round(performance.now()));
  await importText(other, big, 'linli-big.json');
  await expect(other.getByTestId('import-preview')).toBeVisible({ timeout: 120_000 });
  const previewed = await other.evaluate(() => Math.round(performance.now()));
  await other.getByTestId('apply-import').click();
  await expect(other.getByTestId('imported')).toBeVisible({ timeout: 120_000 });
  const written = await other.evaluate(() => Math.round(performance.now()));
  const steps: [string, number][] = await other.evaluate(() => (window as any).steps);
  expect(steps.map(([s]) => s)).toEqual(['1', '2', '3', '4']);
  const records = Object.values(JSON.parse(big).records as Record<string, any[]>).reduce((n, l) => n + l.length, 0);
  await expect(other.getByTestId('imported')).toHaveText(`导入完成：写入 ${records} 条记录。`);
  // Long tasks from the first step on: before it, the test itself is
  // handing the browser the file.
  const tasks: [number, number][] = await other.evaluate(() => (window as any).tasks ?? []);
  const longest = Math.max(0, ...tasks.filter(([t]) => t >= steps[0][1]).map(([, d]) => d));
  console.log(
    `big import: ${megabytes.toFixed(1)} MB, ${records} records; steps at ${steps.map(([s, t]) => `${s}:+${t - started}`).join(' ')} ms; ` +
      `preview after ${previewed - started} ms, written ${written - previewed} ms later; longest task ${Math.round(longest)} ms`,
  );

  // Thousands of volunteers: a page of rows at a time, more on request,
  // and back to one page when the search changes.
  const all = JSON.parse(big).records.volunteers as { name: string; teams: string[]; skills: string[] }[];
  const volunteers = all.length;
  await other.locator('[data-tab=volunteers]').click();
  await expect(other.getByTestId('volunteer-count')).toHaveText(`共 ${volunteers} 位志愿者`);
  await expect(other.getByTestId('volunteer')).toHaveCount(50);
  await expect(other.getByTestId('show-more')).toHaveText(`再显示 50 位（还有 ${volunteers - 50} 位）`);
  await other.getByTestId('show-more').scrollIntoViewIfNeeded();
  await other.screenshot({ path: 'tests/e2e/artifacts/screens/volunteers-show-more-zh.png' });
  await other.getByTestId('show-more').click();
  await expect(other.getByTestId('volunteer')).toHaveCount(100);
  await other.getByTestId('lang-switch').click();
  await expect(other.getByTestId('show-more')).toHaveText(`Show 50 more (${volunteers - 100} left)`);
  await other.getByTestId('show-more').scrollIntoViewIfNeeded();
  await other.screenshot({ path: 'tests/e2e/artifacts/screens/volunteers-show-more-en.png' });
  await other.getByTestId('lang-switch').click();
  const name = all[0].name;
  const hits = all.filter((v) => [v.name, ...v.teams, ...v.skills].some((x) => x.includes(name))).length;
  await other.locator('input[name=search]').fill(name);
  await expect(other.getByTestId('volunteer-count')).toHaveText(`显示 ${hits} / 共 ${volunteers} 位`);
  await expect(other.getByTestId('volunteer')).toHaveCount(Math.min(50, hits));
  await expect(other.getByTestId('volunteer').first()).toContainText(name);
  await other.context().close();
});
