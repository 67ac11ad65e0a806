import { chromium } from '@playwright/test';
import { test, expect, recordCounts, fixClock } from './fixtures';

test('records and the language survive closing and reopening the browser', async ({}, testInfo) => {
  const use = testInfo.project.use;
  const profile = testInfo.outputPath('profile');
  const open = async () => {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: use.launchOptions?.executablePath,
      args: use.launchOptions?.args,
      viewport: use.viewport ?? undefined,
      baseURL: use.baseURL,
      locale: 'en-US',
      timezoneId: 'Asia/Shanghai',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await fixClock(page);
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    return { context, page, problems };
  };

  const first = await open();
  await first.page.goto('/');
  await first.page.getByTestId('load-demo').click();
  await expect(first.page.getByTestId('today-bookings')).toBeVisible();
  await first.page.getByTestId('lang-switch').click();
  const before = await recordCounts(first.page);
  await expect(first.page.getByTestId('page-title')).toHaveText('Data');
  // Chromium writes localStorage to disk a few seconds after a change; a
  // browser closed sooner (a phone's is not) may lose it. Let it land.
  await first.page.reload();
  await expect(first.page.getByTestId('page-title')).toHaveText('Data');
  await first.page.waitForTimeout(6000);
  expect(first.problems).toEqual([]);
  await first.context.close();

  const second = await open();
  await second.page.goto('/data');
  await expect(second.page.getByTestId('page-title')).toHaveText('Data');
  expect(await recordCounts(second.page)).toEqual(before);
  await expect(second.page.getByTestId('load-demo')).toHaveCount(0);
  expect(second.problems).toEqual([]);
  await second.context.close();
});
