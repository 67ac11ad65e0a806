import { Browser, BrowserContext, Page } from '@playwright/test';
import { PASSWORD } from './couch';
import { expect, fixClock, guard } from './fixtures';

// Phones of the tests that sync through a real server (sync.spec.ts,
// personal.spec.ts): each its own browser profile with the page clock
// fixed and every request watched, opened on the app at `app` (served with
// /couchdb/ passed to the server, as a real deployment does).

export type Phone = { page: Page; context: BrowserContext; problems: string[] };

export class Phones {
  private readonly open: Phone[] = [];

  constructor(private readonly app: string) {}

  /**
   * A phone. `routed` phones have their requests held by the test: without
   * a service worker, whose pass-through fetches Playwright's routes do not
   * always see (as in chunks.spec.ts).
   */
  async phone(browser: Browser, routed = false): Promise<Phone> {
    const context = await browser.newContext({
      serviceWorkers: routed ? 'block' : 'allow',
      baseURL: this.app,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'en-US',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    await fixClock(page);
    // The browser logs the server's refusals and a stopped server's 502 as
    // console errors; those are answers the app handles, not its errors.
    const problems = await guard(page, this.app, (url) => url.includes('/couchdb/'));
    const p = { page, context, problems };
    this.open.push(p);
    return p;
  }

  /** Closes the test's phones, each having logged no problem. */
  async closeAll() {
    for (const p of this.open.splice(0)) {
      expect(p.problems, 'no console errors, CSP violations or requests elsewhere').toEqual([]);
      await p.context.close();
    }
  }
}

/** The first screen: the demo community, or an empty phone. */
export async function start(page: Page, demo: boolean) {
  await page.goto('/');
  await page.getByTestId(demo ? 'load-demo' : 'start-empty').click();
  await expect(page.getByTestId('page-title')).toHaveText('今天');
}

/** Opens the folded connect form on the Data tab. */
export async function openForm(page: Page) {
  await page.locator('[data-tab=data]').click();
  const setup = page.getByTestId('sync-setup');
  if ((await setup.getAttribute('open')) === null) await setup.locator('summary').click();
}

export async function connect(page: Page, name: string, user: string) {
  await openForm(page);
  await page.locator('input[name=sync-community]').fill(name);
  await page.locator('input[name=sync-user]').fill(user);
  await page.locator('input[name=sync-password]').fill(PASSWORD[user]);
  await page.getByTestId('sync-connect').click();
  await synced(page);
}

/** Waits until the phone says it is in step, with nothing waiting. */
export async function synced(page: Page) {
  await page.locator('[data-tab=data]').click();
  const status = page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-phase', 'idle', { timeout: 30_000 });
  await expect(status).toContainText('已同步', { timeout: 30_000 });
}
