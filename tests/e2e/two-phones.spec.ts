import { Page, BrowserContext } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { test, expect, loadDemo, recordCounts, bookGymFriday } from './fixtures';

// Wednesday 2 December 2026, 09:10 in Shanghai.
const NOW = new Date('2026-12-02T09:10:00+08:00');

async function download(page: Page, testid: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return readFile(await file.path(), 'utf8');
}

async function importText(page: Page, text: string) {
  await page.locator('[data-tab=data]').click();
  await page.locator('input[name=import-file]').setInputFiles({
    name: 'linli.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text, 'utf8'),
  });
}

/** The records of a backup, each kind sorted by id: what two phones compare. */
function records(text: string) {
  const doc = JSON.parse(text);
  const out: Record<string, unknown[]> = {};
  for (const [kind, list] of Object.entries(doc.records as Record<string, any[]>)) {
    out[kind] = [...list].sort((a, b) => a.id.localeCompare(b.id));
  }
  return out;
}

/** The text of the screens a resident looks at most. */
async function screens(page: Page): Promise<string[]> {
  const shot: string[] = [];
  const read = async () => {
    await expect(page.locator('main .loading')).toHaveCount(0);
    shot.push(await page.locator('main').innerText());
  };
  await page.locator('[data-tab=today]').click();
  await expect(page.getByTestId('today-bookings')).toBeVisible();
  await read();
  await page.locator('[data-tab=spaces]').click();
  await expect(page.getByRole('link', { name: '红色议事厅' })).toBeVisible();
  await read();
  await page.getByRole('link', { name: '红色议事厅' }).click();
  await expect(page.getByTestId('week-days')).toBeVisible();
  await read();
  await page.locator('[data-tab=rosters]').click();
  await expect(page.getByRole('link', { name: '美食节' }).first()).toBeVisible();
  await read();
  await page.getByRole('link', { name: '美食节' }).first().click();
  await expect(page.getByTestId('shift-days')).toBeVisible();
  await read();
  await page.locator('[data-tab=volunteers]').click();
  await expect(page.getByTestId('volunteer').first()).toBeVisible();
  await read();
  return shot;
}

test('export the demo, empty the phone, import the file: every screen reads as before', async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  const before = await screens(page);
  const counts = await recordCounts(page);
  const backup = await download(page, 'export-all');

  await page.getByTestId('clear-data').click();
  await expect(page.getByTestId('clear-confirm')).toContainText('删除前会先自动保存一份备份文件');
  const auto = await download(page, 'clear-data-yes');
  expect(records(auto)).toEqual(records(backup));
  // An empty phone starts over at the welcome screen.
  await expect(page.getByTestId('start-empty')).toBeVisible();
  await page.getByTestId('start-empty').click();
  const empty = await recordCounts(page);
  expect(empty.total).toBe('0');

  await importText(page, backup);
  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('imported')).toBeVisible();
  expect(await recordCounts(page)).toEqual(counts);
  expect(await screens(page)).toEqual(before);
});

async function phone(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.clock.setFixedTime(NOW);
  return page;
}

test('two phones each book the same slot offline, swap files, settle the clash, and end up equal', async ({ browser }) => {
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const a = await phone(contextA);
  const b = await phone(contextB);
  // Both start from the same community: B restores A's backup.
  await loadDemo(a);
  await a.locator('[data-tab=data]').click();
  const shared = await download(a, 'export-all');
  await b.goto('/');
  await b.getByTestId('start-empty').click();
  await importText(b, shared);
  await b.getByTestId('apply-import').click();
  await expect(b.getByTestId('imported')).toBeVisible();

  // No network on either phone from here on.
  await contextA.setOffline(true);
  await contextB.setOffline(true);
  await bookGymFriday(a, '甲 太极拳');
  await bookGymFriday(b, '乙 乒乓球');
  await a.locator('[data-tab=data]').click();
  const fromA = await download(a, 'export-all');
  await b.locator('[data-tab=data]').click();
  const fromB = await download(b, 'export-all');

  // A reads B's file: the clash is shown and A lets B's booking stand.
  await importText(a, fromB);
  const conflict = a.getByTestId('conflict');
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText('文件中的“乙 乒乓球”与本机的“甲 太极拳”时间重叠');
  await a.screenshot({ path: 'tests/e2e/artifacts/screens/two-phones-conflict-zh.png', fullPage: true });
  await conflict.getByLabel('采用文件的（本机的记为取消）').check();
  await a.getByTestId('apply-import').click();
  await expect(a.getByTestId('imported')).toBeVisible();

  // B reads A's file from before and after the settling: no clash is left.
  await importText(b, fromA);
  await expect(b.getByTestId('conflict')).toHaveCount(1);
  await b.getByTestId('cancel-import').click();
  const settled = await download(a, 'export-all');
  await importText(b, settled);
  await expect(b.getByTestId('conflict')).toHaveCount(0);
  await b.getByTestId('apply-import').click();
  await expect(b.getByTestId('imported')).toBeVisible();

  const endA = await download(a, 'export-all');
  const endB = await download(b, 'export-all');
  expect(records(endB)).toEqual(records(endA));
  const gym = records(endA).bookings.filter((x: any) => x.start === '2026-12-04T14:00');
  expect(gym.map((x: any) => [x.title, x.status]).sort()).toEqual([
    ['乙 乒乓球', 'confirmed'],
    ['甲 太极拳', 'cancelled'],
  ]);
  await contextA.close();
  await contextB.close();
});

test('closing the share sheet instead of saving the backup leaves the phone as it was', async ({ page }) => {
  // A phone that shares files, and a user who closes the sheet.
  await page.addInitScript(() => {
    (navigator as any).canShare = () => true;
    (navigator as any).share = () => Promise.reject(new DOMException('closed', 'AbortError'));
  });
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  const before = await recordCounts(page);
  await page.getByTestId('clear-data').click();
  await page.getByTestId('clear-data-yes').click();
  await page.reload();
  expect(await recordCounts(page)).toEqual(before);
});
