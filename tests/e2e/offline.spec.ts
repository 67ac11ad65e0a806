import { Page, Browser, BrowserContext } from '@playwright/test';
import { cp, readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, loadDemo, recordCounts, bookGymFriday, controlled } from './fixtures';
import { ROOT, serve, stop } from './server';

const NOW = new Date('2026-12-02T09:10:00+08:00');

/** A phone of its own, talking to the server on `port`. */
async function phoneAt(browser: Browser, port: number): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}` });
  const page = await context.newPage();
  await page.clock.setFixedTime(NOW);
  return [context, page];
}

test('after one visit the app opens offline, at the root and at a deep link, and a booking made offline stays', async ({ page, context }) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  await controlled(page);
  await context.setOffline(true);
  await expect(page.getByTestId('offline')).toHaveText('离线');
  await page.reload();
  await expect(page.getByTestId('today-bookings')).toBeVisible();
  const space = await page.evaluate(() => location.origin);
  await page.goto(`${space}/rosters`);
  await expect(page.getByRole('link', { name: '美食节' }).first()).toBeVisible();
  await bookGymFriday(page, '离线时订的太极拳');
  const url = page.url();
  await page.reload();
  await expect(page.getByTestId('page-title')).toHaveText('离线时订的太极拳');
  expect(page.url()).toBe(url);
  await context.setOffline(false);
  await expect(page.getByTestId('offline')).toHaveCount(0);
});

test('with the server gone, the installed app still opens and works', async ({ browser }) => {
  const port = 8190 + test.info().parallelIndex;
  const server = await serve(join(ROOT, 'dist'), port);
  const [context, page] = await phoneAt(browser, port);
  try {
    await loadDemo(page);
    await controlled(page);
    await stop(server);
    await page.goto('/volunteers');
    await expect(page.getByTestId('volunteer').first()).toBeVisible();
    await bookGymFriday(page, '服务器停了也能订');
    await page.reload();
    await expect(page.getByTestId('page-title')).toHaveText('服务器停了也能订');
  } finally {
    await context.close();
    await stop(server);
  }
});

test('a new build is offered, runs after the user reloads, and the data is intact', async ({ browser }) => {
  // Build B is build A with another version: what a redeploy looks like.
  const a = await mkdtemp(join(tmpdir(), 'linli-a-'));
  const b = await mkdtemp(join(tmpdir(), 'linli-b-'));
  await cp(join(ROOT, 'dist'), a, { recursive: true });
  await cp(join(ROOT, 'dist'), b, { recursive: true });
  const sw = await readFile(join(a, 'sw.js'), 'utf8');
  const version = /const VERSION = "([0-9a-f]+)"/.exec(sw)![1];
  await writeFile(join(b, 'sw.js'), sw.replace(version, 'b0b0b0b0b0b0'));
  const html = await readFile(join(a, 'index.html'), 'utf8');
  await writeFile(join(b, 'index.html'), html.replace(version, 'b0b0b0b0b0b0'));

  const port = 8290 + test.info().parallelIndex;
  let server = await serve(a, port);
  const [context, page] = await phoneAt(browser, port);
  try {
    await loadDemo(page);
    await controlled(page);
    const before = await recordCounts(page);
    await expect(page.getByTestId('build-id')).toContainText(version);
    await expect(page.getByTestId('update-ready')).toHaveCount(0);

    await stop(server);
    server = await serve(b, port);
    // The browser looks for a new worker on navigation.
    await page.reload();
    await expect(page.getByTestId('update-ready')).toContainText('新版本已就绪。');
    // Until the user chooses, the old build keeps running.
    await expect(page.getByTestId('build-id')).toContainText(version);
    await page.screenshot({ path: 'tests/e2e/artifacts/screens/update-ready-zh.png' });
    await Promise.all([page.waitForEvent('load'), page.getByTestId('reload-update').click()]);
    await page.locator('[data-tab=data]').click();
    await expect(page.getByTestId('build-id')).toContainText('b0b0b0b0b0b0');
    await expect(page.getByTestId('update-ready')).toHaveCount(0);
    expect(await recordCounts(page)).toEqual(before);
    const caches = await page.evaluate(() => caches.keys());
    expect(caches).toEqual(['linli-b0b0b0b0b0b0']);
  } finally {
    await context.close();
    await stop(server);
  }
});

test('Chromium finds nothing that stops installing the app', async ({ playwright, baseURL }) => {
  // Installing is never offered in a private window, so this one has a profile.
  const profile = await mkdtemp(join(tmpdir(), 'linli-profile-'));
  const context = await playwright.chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    baseURL,
    viewport: { width: 390, height: 844 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await (await page.request.get('/manifest.webmanifest')).json();
    expect(manifest.name).toBe('邻里 Linli');
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((i: any) => `${i.sizes} ${i.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
  } finally {
    await context.close();
  }
});

test('a file shared to the installed app from a chat opens its import preview, offline too', async ({ page, context }) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  await controlled(page);
  const manifest = await (await page.request.get('/manifest.webmanifest')).json();
  expect(manifest.share_target).toMatchObject({ action: '/share-target', method: 'POST', enctype: 'multipart/form-data' });
  expect(manifest.share_target.params.files[0].name).toBe('file');
  // What phone B sent: one new booking.
  const base = JSON.parse(await readFile(join(ROOT, 'tests/fixtures/exchange/v1-small-community.json'), 'utf8'));
  await page.locator('[data-tab=data]').click();
  const [backup] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-all').click()]);
  const mine = JSON.parse(await readFile(await backup.path(), 'utf8'));
  const space = mine.records.spaces.find((s: any) => s.name === '健身房').id;
  await page.locator('[data-tab=today]').click();
  const booking = {
    ...base.records.bookings[0],
    id: '41111111-2222-4333-8444-555555555555',
    space_id: space,
    title: '群里转来的预约',
    start: '2027-01-20T19:00',
    end: '2027-01-20T20:00',
    expected_attendees: 10,
  };
  const text = JSON.stringify({
    ...base,
    records: { spaces: [], bookings: [booking], volunteers: [], activities: [], shifts: [], assignments: [] },
  });
  await context.setOffline(true);
  // The share sheet opens the app with a POST of the file, as a navigation.
  await page.evaluate((text) => {
    const form = document.createElement('form');
    form.method = 'post';
    form.enctype = 'multipart/form-data';
    form.action = '/share-target';
    const input = document.createElement('input');
    input.type = 'file';
    input.name = 'file';
    const files = new DataTransfer();
    files.items.add(new File([text], 'linli-bookings-2027-01-20.json', { type: 'application/json' }));
    input.files = files.files;
    form.append(input);
    document.body.append(form);
    form.submit();
  }, text);
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await expect(page.getByTestId('import-preview'), 'the preview is brought into view').toBeInViewport();
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/data');
  await expect(page.getByTestId('import-counts').locator('tr[data-kind=bookings] td[data-col=new]')).toHaveText('1');
  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('imported')).toBeVisible();
  // Read once: opening the shared link again finds nothing and says so.
  await page.goto('/data?shared=1');
  await expect(page.getByTestId('shared-missing')).toBeInViewport();
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  await context.setOffline(false);
});
