import { test as base, expect, Page } from '@playwright/test';

/**
 * "Now" for every test: Wednesday 2 December 2026, 09:10 in Shanghai. No
 * test depends on the day it runs; each page's clock is fixed to this (a
 * test may set another). The guard run (`dates.spec.ts`) moves it with
 * LINLI_E2E_NOW.
 */
export const NOW = new Date(process.env.LINLI_E2E_NOW ?? '2026-12-02T09:10:00+08:00');

/** A page's clock fixed at `at` (default NOW), before anything loads. */
export async function fixClock(page: Page, at: Date = NOW) {
  await page.clock.setFixedTime(at);
}

/**
 * A page that fails its test on any console error or uncaught exception, on
 * any Content-Security-Policy violation, and on any request to another
 * origin: the app must work whole from its own origin, offline.
 */
export const test = base.extend<{ page: Page }>({
  page: async ({ page, baseURL }, use) => {
    await fixClock(page);
    const problems = await guard(page, baseURL);
    await use(page);
    expect(problems, 'no console errors, CSP violations or requests elsewhere').toEqual([]);
  },
});

/**
 * Watches `page` for console errors, uncaught exceptions, CSP violations
 * and requests to any origin but `baseURL`'s; returns the list they go
 * into, for the test to expect empty at its end.
 */
export async function guard(page: Page, baseURL?: string, expected?: (url: string) => boolean): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (msg) => {
    // The browser logs an HTTP error answer as a console error; a test may
    // expect some (a sync server refusing, or stopped on purpose).
    if (msg.type() === 'error' && !(expected?.(msg.location().url) ?? false)) problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  const home = new URL(baseURL ?? 'http://127.0.0.1').origin;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && url.origin !== home) {
      problems.push(`request to another origin: ${request.url()}`);
    }
  });
  await page.exposeFunction('__linliViolation', (text: string) => problems.push(`csp: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as any).__linliViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return problems;
}
export { expect };

export const TABS = [
  { id: 'today', path: '/', zh: '今天', en: 'Today' },
  { id: 'spaces', path: '/spaces', zh: '场地', en: 'Spaces' },
  { id: 'rosters', path: '/rosters', zh: '排班', en: 'Rosters' },
  { id: 'volunteers', path: '/volunteers', zh: '志愿者', en: 'Volunteers' },
  { id: 'data', path: '/data', zh: '数据', en: 'Data' },
] as const;

/** Opens the app on a fresh profile and loads the demo community. */
export async function loadDemo(page: Page) {
  await page.goto('/');
  await page.getByTestId('load-demo').click();
  await expect(page.getByTestId('page-title')).toHaveText('今天');
  await expect(page.getByTestId('today-bookings')).toBeVisible();
}

/** Waits until the service worker controls the page: from then on, no network is needed. */
export async function controlled(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
    }
  });
}

/** The record counts shown on the Data tab. */
export async function recordCounts(page: Page): Promise<Record<string, string>> {
  await page.locator('[data-tab=data]').click();
  const table = page.getByTestId('record-counts');
  await expect(table.locator('td[data-kind=total]')).toBeVisible();
  // The whole table in one read: a sync writing meanwhile redraws it, and
  // cell-by-cell reads could straddle two drawings (or none).
  return table.evaluate((t) =>
    Object.fromEntries([...t.querySelectorAll('td[data-kind]')].map((c) => [c.getAttribute('data-kind') ?? '', c.textContent ?? ''])),
  );
}

/** Fails when the page is wider than the phone: a phone browser would zoom out. */
export async function expectNoSideways(page: Page) {
  const [inner, scroll] = await page.evaluate(() => [innerWidth, document.documentElement.scrollWidth]);
  expect(scroll, 'page width').toBeLessThanOrEqual(inner);
}

/** Books 健身房 on a Friday (4 December unless told) 14:00–15:00 from the Spaces tab. */
export async function bookGymFriday(page: Page, title: string, date = '2026-12-04') {
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '健身房' }).click();
  await page.getByTestId('book-space').click();
  await page.locator('input[name=date]').fill(date);
  await page.locator('input[name=start]').fill('14:00');
  await page.locator('input[name=end]').fill('15:00');
  await page.locator('input[name=title]').fill(title);
  await page.locator('input[name=organiser]').fill('王芳');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('page-title')).toHaveText(title);
}

/** Clicks `testid` and returns the downloaded file's name and text. */
export async function downloadFile(page: Page, testid: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const path = await file.path();
  const { readFile } = await import('node:fs/promises');
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Chooses a file with `text` in the Data tab's import field. */
export async function importText(page: Page, text: string, name = 'linli.json') {
  // The tab has read its records first: a file chosen while it is still
  // being drawn (a test is quicker than any finger) may go to a field
  // about to be replaced.
  await expect(page.getByTestId('record-counts')).toBeVisible();
  await page.locator('input[name=import-file]').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text, 'utf8'),
  });
}

/** The three figures at the top of Today, as shown. */
export async function todayShown(page: Page): Promise<{ bookings: number; shifts: number; short: number }> {
  const figure = async (id: string) => Number(await page.getByTestId(id).textContent());
  return { bookings: await figure('stat-bookings'), shifts: await figure('stat-shifts'), short: await figure('stat-short') };
}

/** What Today should count for `day` (YYYY-MM-DD), worked out from a backup's records. */
export function todayFigures(backup: string, day: string): { bookings: number; shifts: number; short: number } {
  const { records } = JSON.parse(backup);
  const on = (start: string) => start.slice(0, 10) === day;
  const bookings = records.bookings.filter((b: any) => !b.deleted && on(b.start)).length;
  const shifts = records.shifts.filter((s: any) => !s.deleted && on(s.start));
  const holds = (a: any) => !a.deleted && a.status !== 'cancelled' && a.status !== 'no_show';
  const short = shifts
    .map((s: any) => {
      const filled = records.assignments.filter((a: any) => a.shift_id === s.id && holds(a)).length;
      return Math.max(0, s.needed_min - filled);
    })
    .reduce((a: number, b: number) => a + b, 0);
  return { bookings, shifts: shifts.length, short };
}

/**
 * Opens CSV text in a real spreadsheet (LibreOffice Calc, headless, as
 * UTF-8) and returns the formulas it found and every cell's shown text.
 */
export async function openInSpreadsheet(csv: string): Promise<{ formulas: string[]; cells: string[] }> {
  const { mkdtemp, writeFile, readFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { execFile } = await import('node:child_process');
  const dir = await mkdtemp(join(tmpdir(), 'linli-calc-'));
  await writeFile(join(dir, 'file.csv'), csv, 'utf8');
  await new Promise<void>((resolve, reject) =>
    execFile(
      'soffice',
      [
        // A profile of its own: two test workers may convert at once.
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--infilter=CSV:44,34,76',
        '--convert-to',
        'fods',
        '--outdir',
        dir,
        join(dir, 'file.csv'),
      ],
      { timeout: 60_000 },
      (err) => (err ? reject(err) : resolve()),
    ),
  );
  const xml = await readFile(join(dir, 'file.fods'), 'utf8');
  const unescape = (s: string) =>
    s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return {
    formulas: [...xml.matchAll(/table:formula="([^"]*)"/g)].map((m) => unescape(m[1])),
    cells: [...xml.matchAll(/<text:p>([^<]*)<\/text:p>/g)].map((m) => unescape(m[1])),
  };
}
