import AxeBuilder from '@axe-core/playwright';
import { test, expect, TABS, loadDemo, recordCounts, downloadFile, todayFigures, todayShown } from './fixtures';

test('first load is in Chinese and offers the demo or an empty start', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('欢迎使用邻里');
  await expect(page.getByTestId('load-demo')).toContainText('加载示范社区');
  await expect(page.getByTestId('start-empty')).toContainText('从空白开始');
  await expect(page).toHaveTitle(/邻里/);
});

test('English can be chosen, is remembered, and Chinese comes back', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Linli');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Linli');
  await page.getByTestId('start-empty').click();
  for (const tab of TABS) {
    await page.locator(`[data-tab=${tab.id}]`).click();
    await expect(page.locator('.tab-bar')).toContainText(tab.en);
  }
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('page-title')).toHaveText('数据');
  await page.reload();
  await expect(page.getByTestId('page-title')).toHaveText('数据');
});

test('the demo community loads and survives a reload', async ({ page }) => {
  await loadDemo(page);
  await expect(page.getByTestId('today-date')).not.toBeEmpty();
  const shown = await todayShown(page);
  // What Today counts is what the records say for the page's day.
  await page.locator('[data-tab=data]').click();
  const backup = await downloadFile(page, 'export-all');
  const day = backup.name.match(/(\d{4}-\d{2}-\d{2})/)?.[1] ?? '';
  expect(shown).toEqual(todayFigures(backup.text, day));
  expect(shown.bookings).toBeGreaterThan(0);
  expect(shown.shifts).toBeGreaterThanOrEqual(6);
  const before = await recordCounts(page);
  expect(Number(before.spaces)).toBeGreaterThanOrEqual(8);
  expect(Number(before.volunteers)).toBe(40);
  expect(Number(before.total)).toBeGreaterThan(300);
  await page.reload();
  const after = await recordCounts(page);
  expect(after).toEqual(before);
  // The demo is offered only on an empty phone.
  await expect(page.getByTestId('data-load-demo')).toHaveCount(0);
});

test('starting empty shows empty screens and the demo stays one tap away', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('start-empty').click();
  await expect(page.getByTestId('page-title')).toHaveText('今天');
  await expect(page.locator('.empty').first()).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('page-title')).toHaveText('今天');
  const counts = await recordCounts(page);
  expect(counts.total).toBe('0');
  await page.getByTestId('data-load-demo').click();
  await expect(page.getByRole('status')).toHaveText('示范社区已加载。');
  expect(Number((await recordCounts(page)).volunteers)).toBe(40);
});

test('every tab lists what the store holds, by tab bar and by deep link', async ({ page }, testInfo) => {
  await loadDemo(page);
  for (const tab of TABS) {
    await page.locator(`[data-tab=${tab.id}]`).click();
    await expect(page).toHaveURL(new RegExp(`${tab.path === '/' ? '/$' : tab.path + '$'}`));
    await expect(page.getByTestId('page-title')).toHaveText(tab.zh);
    await expect(page.locator(`[data-tab=${tab.id}]`)).toHaveAttribute('aria-current', 'page');
    await page.screenshot({ path: `tests/e2e/artifacts/screens/${tab.id}-zh.png`, fullPage: true });
  }
  await expect(page.getByTestId('record-counts')).toBeVisible();

  await page.goto('/spaces');
  await expect(page.getByTestId('space-card')).toHaveCount(9);
  await expect(page.getByTestId('space-list')).toContainText('安家院儿');
  await page.goto('/rosters');
  await expect(page.getByTestId('activity-list')).toContainText('美食节');
  await expect(page.getByTestId('activity-list')).toContainText('非机动车巡逻');
  await page.goto('/volunteers');
  await expect(page.getByTestId('volunteer')).toHaveCount(40);
  await expect(page.getByTestId('volunteer-list')).toContainText('保安机动队');
  await expect(page.getByTestId('volunteer-list')).toContainText('****');

  await page.getByTestId('lang-switch').click();
  for (const tab of TABS) {
    await page.locator(`[data-tab=${tab.id}]`).click();
    await expect(page.getByTestId('page-title')).toHaveText(tab.en);
    await page.screenshot({ path: `tests/e2e/artifacts/screens/${tab.id}-en.png`, fullPage: true });
  }
  testInfo.annotations.push({ type: 'screens', description: 'tests/e2e/artifacts/screens' });
});

test('detail pages reload to the same record and unknown ids say so', async ({ page }) => {
  await loadDemo(page);
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '红色议事厅' }).click();
  await expect(page).toHaveURL(/\/spaces\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('page-title')).toHaveText('红色议事厅');
  await expect(page.getByTestId('opening-hours')).toContainText('周日');
  await page.reload();
  await expect(page.getByTestId('page-title')).toHaveText('红色议事厅');
  await expect(page.getByTestId('space-bookings')).toContainText('周四大家谈');

  await page.goto('/rosters');
  await page.getByRole('link', { name: '非机动车巡逻' }).click();
  await expect(page).toHaveURL(/\/rosters\/[0-9a-f-]{36}$/);
  await page.reload();
  await expect(page.getByTestId('page-title')).toHaveText('非机动车巡逻');
  await expect(page.getByTestId('shift')).toHaveCount(90);
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/roster-detail-zh.png' });

  await page.getByTestId('shift').first().locator('a.person').first().click();
  await expect(page).toHaveURL(/\/volunteers\/[0-9a-f-]{36}$/);
  const name = await page.getByTestId('page-title').textContent();
  await page.reload();
  await expect(page.getByTestId('page-title')).toHaveText(name ?? '');
  await expect(page.locator('.chip.team').first()).toHaveText('保安机动队');

  await page.goto('/spaces/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到这条记录，可能已被删除。');
  await page.goto('/spaces/not-an-id');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到这条记录，可能已被删除。');
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到这个页面。');
});

test('the back button retraces the way the user came', async ({ page }) => {
  await loadDemo(page);
  await page.locator('[data-tab=spaces]').click();
  await expect(page.getByTestId('page-title')).toHaveText('场地');
  await page.getByRole('link', { name: '自习室' }).click();
  await expect(page.getByTestId('page-title')).toHaveText('自习室');
  await page.goBack();
  await expect(page).toHaveURL(/\/spaces$/);
  await expect(page.getByTestId('page-title')).toHaveText('场地');
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('page-title')).toHaveText('今天');
  await page.goForward();
  await expect(page.getByTestId('page-title')).toHaveText('场地');
});

test('no serious or critical accessibility violations on any screen', async ({ page }) => {
  const check = async (where: string) => {
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${where}: ${v.id} ${v.help} (${v.nodes.length})`)).toEqual([]);
  };
  await page.goto('/');
  await expect(page.getByTestId('load-demo')).toBeVisible();
  await check('first run');
  await page.getByTestId('load-demo').click();
  for (const tab of TABS) {
    await page.locator(`[data-tab=${tab.id}]`).click();
    await expect(page.getByTestId('page-title')).toHaveText(tab.zh);
    await expect(page.locator('.loading')).toHaveCount(0);
    await check(tab.id);
  }
  await page.goto('/rosters');
  await page.getByRole('link', { name: '美食节' }).click();
  await expect(page.getByTestId('shift').first()).toBeVisible();
  await check('roster detail');
  await page.getByTestId('shift').first().locator('a.item-title').click();
  await expect(page.getByTestId('volunteer-matches')).toBeVisible();
  await check('shift');
  await page.getByRole('link', { name: '美食节' }).click();
  await page.getByTestId('open-check-in').first().click();
  await expect(page.getByTestId('checkin-counts')).toBeVisible();
  await check('check-in mode');
  await page.goto('/rosters');
  await page.getByRole('link', { name: '非机动车巡逻' }).click();
  await page.getByTestId('generate-shifts').click();
  await page.locator('input[name=role]').fill('巡逻');
  await page.getByTestId('preview-shifts').click();
  await expect(page.getByTestId('shift-plan')).toBeVisible();
  await check('duty generation');
  await page.goto('/volunteers/new');
  await page.getByTestId('save-volunteer').click();
  await expect(page.getByTestId('form-problems')).toBeVisible();
  await check('volunteer form with errors');
  await page.goto('/spaces');
  await page.getByRole('link', { name: '安家院儿' }).click();
  await expect(page.getByTestId('opening-hours')).toBeVisible();
  await check('space detail');
  await page.getByTestId('book-space').click();
  await page.getByTestId('submit-booking').click();
  await expect(page.locator('.field-error').first()).toBeVisible();
  await check('booking form with errors');
  await page.goto('/');
  await page.getByTestId('today-bookings').locator('a.item-title').first().click();
  await expect(page.getByTestId('booking-status')).toBeVisible();
  await check('booking detail');
  await page.goto('/report');
  await expect(page.getByTestId('report-trend-chart')).toBeVisible();
  await check('monthly report');
});

test('Today offers the demo only on an empty phone, and a first space once volunteers are in', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('start-empty').click();
  await expect(page.getByTestId('empty-hint')).toHaveText('还没有任何数据。可以在“数据”页加载示范社区。');
  await page.goto('/volunteers/new');
  await page.locator('input[name=name]').fill('王芳');
  await page.locator('input[name=consent][value=own]').check();
  await page.getByTestId('save-volunteer').click();
  await expect(page.getByTestId('page-title')).toHaveText('王芳');
  await page.locator('[data-tab=today]').click();
  // The Data tab would refuse the demo now: Today no longer points there.
  await expect(page.getByTestId('empty-hint')).toHaveCount(0);
  await expect(page.getByTestId('no-spaces-hint')).toContainText('还没有场地');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('no-spaces-hint')).toContainText('No spaces yet; add one to start taking bookings.');
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('no-spaces-hint').getByRole('link').click();
  await expect(page).toHaveURL(/\/spaces\/new$/);
  await page.locator('[data-tab=data]').click();
  await expect(page.getByTestId('data-load-demo')).toHaveCount(0);
});

test("the language button's name starts with the word it shows, in both languages", async ({ page }) => {
  await page.goto('/');
  const button = page.getByTestId('lang-switch');
  for (const shown of ['English', '中文']) {
    await expect(button).toHaveText(shown);
    const name = await button.getAttribute('aria-label');
    expect(name?.startsWith(shown), `${name}`).toBe(true);
    await expect(page.getByRole('button', { name: shown })).toBeVisible();
    await button.click();
  }
});
