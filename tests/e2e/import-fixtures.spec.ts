import { readFile, readdir, open, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, loadDemo, recordCounts } from './fixtures';

// The files of tests/fixtures/exchange, with the message each must show.
const FOLDER = join(__dirname, '..', 'fixtures', 'exchange');
type Expected = { about: string; native: string; zh: string | null };
const expected: Record<string, Expected> = JSON.parse(
  require('node:fs').readFileSync(join(FOLDER, 'expected.json'), 'utf8'),
);
const NOW = new Date('2026-12-02T09:10:00+08:00');

test('every bad file in the fixtures folder is refused with its message and the data stays as it was', async ({ page }) => {
  const names = (await readdir(FOLDER)).filter((n) => n !== 'expected.json');
  expect(names.sort()).toEqual(Object.keys(expected).sort());
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  const before = await recordCounts(page);
  for (const [name, want] of Object.entries(expected)) {
    if (want.zh === null) continue;
    await page.locator('input[name=import-file]').setInputFiles(join(FOLDER, name));
    const shown = page.locator('[data-testid=import-refused], [data-testid=import-problems]');
    await expect(shown, name).toContainText(want.zh);
    await expect(page.getByTestId('apply-import'), name).toHaveCount(0);
    expect(await recordCounts(page), name).toEqual(before);
  }
  await page.reload();
  expect(await recordCounts(page)).toEqual(before);
});

test('the earlier-format file, the one with a byte-order mark and the one with HTML all import; the HTML stays text', async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await page.goto('/');
  await page.getByTestId('start-empty').click();
  await page.locator('[data-tab=data]').click();
  let alerted = false;
  page.on('dialog', async (d) => { alerted = true; await d.dismiss(); });
  const doc = JSON.parse(await readFile(join(FOLDER, 'v1-small-community.json'), 'utf8'));
  const choose = (name: string) => page.locator('input[name=import-file]').setInputFiles(join(FOLDER, name));
  await choose('with-bom.json');
  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('imported')).toBeVisible();
  // The same records without the mark: nothing new.
  await choose('v1-small-community.json');
  await expect(page.getByTestId('import-nothing')).toBeVisible();
  await choose('html-and-script.json');
  await expect(page.getByTestId('import-counts').locator('tr[data-kind=volunteers] td[data-col=changed]')).toHaveText('1');
  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('imported')).toBeVisible();
  const counts = await recordCounts(page);
  expect(counts.volunteers).toBe(String(doc.records.volunteers.length));
  expect(counts.bookings).toBe(String(doc.records.bookings.length));
  await page.locator('[data-tab=volunteers]').click();
  await expect(page.getByTestId('volunteer').filter({ hasText: '<img src=x onerror=alert(1)>王芳' })).toHaveCount(1);
  await expect(page.locator('main img')).toHaveCount(0);
  // The door sheet of that booking's week shows the <script> title as text.
  const booking = doc.records.bookings[1];
  await page.goto(`/spaces/${booking.space_id}/door?week=${booking.start.slice(0, 10)}`);
  await expect(page.getByTestId('door-booking').filter({ hasText: '<script>alert(1)</script>读书会' })).toHaveCount(1);
  await expect(page.locator('main script')).toHaveCount(0);
  expect(alerted).toBe(false);
});

test('a 200 MB file is refused unread with the limit stated', async ({ page }, info) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  const before = await recordCounts(page);
  // A sparse file: 200 MB long, no disk used, never read by the app.
  await mkdir(info.outputDir, { recursive: true });
  const path = join(info.outputDir, 'huge.json');
  const file = await open(path, 'w');
  await file.truncate(200 * 1024 * 1024);
  await file.close();
  await page.locator('input[name=import-file]').setInputFiles(path);
  await expect(page.getByTestId('import-refused')).toHaveText(
    '这个文件超过 64 MB，比任何社区的数据都大，所以没有读取。没有做任何更改。',
  );
  expect(await recordCounts(page)).toEqual(before);
});
