import { test as base, expect, Page } from '@playwright/test';

/**
 * A page that fails its test on any console error or uncaught exception, on
 * any Content-Security-Policy violation, and on any request to another
 * origin: the app must work whole from its own origin, offline.
 */
export const test = base.extend<{ page: Page }>({
  page: async ({ page, baseURL }, use) => {
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
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
    await use(page);
    expect(problems, 'no console errors, CSP violations or requests elsewhere').toEqual([]);
  },
});
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

/** The record counts shown on the Data tab. */
export async function recordCounts(page: Page): Promise<Record<string, string>> {
  await page.locator('[data-tab=data]').click();
  const table = page.getByTestId('record-counts');
  await expect(table).toBeVisible();
  const out: Record<string, string> = {};
  for (const cell of await table.locator('td[data-kind]').all()) {
    out[(await cell.getAttribute('data-kind')) ?? ''] = (await cell.textContent()) ?? '';
  }
  return out;
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
