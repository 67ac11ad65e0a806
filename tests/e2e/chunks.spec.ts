import { join } from 'node:path';
import { test, expect, guard, fixClock, loadDemo, controlled } from './fixtures';
import { ROOT, serve, stop } from './server';

// The release build splits every screen but Today into chunks
// (src/ui/screens.rs, scripts/split.mjs). These check what that must not
// cost: offline use of screens never opened, and a clear message, never a
// panic, when a chunk cannot be fetched.

const CHUNK = /\/(split_|chunk_)[^/]*\.wasm$/;

test('a first visit fetches the screens after Today, and with the server gone every screen opens, even ones never opened', async ({ browser }) => {
  const port = 8290 + test.info().parallelIndex;
  const server = await serve(join(ROOT, 'dist'), port);
  const base = `http://127.0.0.1:${port}`;
  const context = await browser.newContext({ baseURL: base, viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    await fixClock(page);
    const problems = await guard(page, base);
    const before: string[] = [];
    page.on('request', (r) => {
      if (CHUNK.test(new URL(r.url()).pathname)) before.push(r.url());
    });
    await page.goto('/');
    await expect(page.getByTestId('load-demo')).toBeVisible();
    // The first screen needs no chunk.
    expect(before, 'chunks fetched before the first screen').toEqual([]);
    await page.getByTestId('load-demo').click();
    await expect(page.getByTestId('today-bookings')).toBeVisible();
    // Once Today is painted the page fetches every chunk, and the service
    // worker has cached them all by the time it controls the page.
    await expect.poll(() => before.length).toBeGreaterThan(3);
    await controlled(page);
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const urls: string[] = [];
      for (const name of names) for (const r of await (await caches.open(name)).keys()) urls.push(new URL(r.url).pathname);
      return urls;
    });
    const chunks = cached.filter((u) => /^\/(split_|chunk_)/.test(u));
    expect(chunks.length, 'chunks in the service worker cache').toBeGreaterThan(3);

    await stop(server);
    // A new tab: a fresh wasm instance, with nothing of the screens in memory.
    const tab = await context.newPage();
    await fixClock(tab);
    const tabProblems = await guard(tab, base);
    const screens: [string, string][] = [
      ['/data', '数据'],
      ['/find', '找空闲场地'],
      ['/rosters/new', '新建活动'],
      ['/volunteers/new', '新志愿者'],
      ['/spaces', '场地'],
      ['/rosters', '排班'],
      ['/volunteers', '志愿者'],
    ];
    for (const [path, title] of screens) {
      await tab.goto(path);
      await expect(tab.getByTestId('page-title'), path).toHaveText(title);
      await expect(tab.getByTestId('screen-missing')).toHaveCount(0);
    }
    // Between screens too, without a reload.
    await tab.goto('/');
    await tab.locator('[data-tab=data]').click();
    await expect(tab.getByTestId('page-title')).toHaveText('数据');
    expect(problems).toEqual([]);
    expect(tabProblems).toEqual([]);
  } finally {
    await stop(server);
    await context.close();
  }
});

test('a screen whose code cannot be fetched says so in either language, and retry shows it once the network is back', async ({ browser, baseURL }) => {
  // No service worker: every chunk must come from the network this time.
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block', viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    await fixClock(page);
    // The refused chunk requests are logged by the browser; nothing else may be.
    const problems = await guard(page, baseURL, (url) => CHUNK.test(new URL(url, 'http://x').pathname) || /linli-split-/.test(url));
    // The demo is loaded first (its builder is a chunk of its own); then
    // every chunk is cut off and the page opened again.
    await loadDemo(page);
    let refused = 0;
    await context.route(CHUNK, (route) => {
      refused++;
      return route.abort('internetdisconnected');
    });
    await page.reload();
    await expect(page.getByTestId('today-bookings')).toBeVisible();
    await page.locator('[data-tab=spaces]').click();
    const missing = page.getByTestId('screen-missing');
    await expect(missing).toContainText('这个页面还没有下载到这部手机上');
    await expect(page.getByTestId('screen-retry')).toHaveText('重试');
    expect(refused).toBeGreaterThan(0);
    // Retrying while still cut off says so again, in English once switched.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('screen-retry').click();
    await expect(missing).toContainText('This screen has not been downloaded to this phone yet');
    await expect(page.getByTestId('screen-retry')).toHaveText('Retry');
    // The app still works around it: Today and its tab bar.
    await page.locator('[data-tab=today]').click();
    await expect(page.getByTestId('today-bookings')).toBeVisible();
    await page.locator('[data-tab=spaces]').click();
    await expect(missing).toBeVisible();

    await context.unroute(CHUNK);
    await page.getByTestId('screen-retry').click();
    await expect(page.getByTestId('page-title')).toHaveText('Spaces');
    await expect(missing).toHaveCount(0);
    await page.locator('[data-tab=rosters]').click();
    await expect(page.getByTestId('page-title')).toHaveText('Rosters');
    expect(problems, 'no panic, no other error').toEqual([]);
  } finally {
    await context.close();
  }
});

test('the demo, a chunk of its own, loads on the tap; when its code cannot be fetched the first screen says so, nothing is written, and a second tap loads it', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block', viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    await fixClock(page);
    const problems = await guard(page, baseURL, (url) => /split_demo/.test(url) || /linli-split-/.test(url));
    await context.route(/\/split_demo[^/]*\.wasm$/, (route) => route.abort('internetdisconnected'));
    await page.goto('/');
    await page.getByTestId('load-demo').click();
    const alert = page.locator('.error-panel[role=alert]');
    await expect(alert).toContainText('数据没有改变');
    await expect(page.getByTestId('load-demo')).toBeVisible();
    // Nothing was written: the phone holds no record and is still new.
    const stored = await page.evaluate(() => new Promise<number>((done) => {
      const open = indexedDB.open('linli');
      open.onsuccess = () => {
        const tx = open.result.transaction('bookings', 'readonly');
        const count = tx.objectStore('bookings').count();
        count.onsuccess = () => done(count.result);
      };
    }));
    expect(stored).toBe(0);
    await context.unroute(/\/split_demo[^/]*\.wasm$/);
    await page.getByTestId('load-demo').click();
    await expect(page.getByTestId('today-bookings')).toBeVisible();
    expect(problems, 'no panic, no other error').toEqual([]);
  } finally {
    await context.close();
  }
});
