import { Page } from '@playwright/test';
import { test, expect, loadDemo } from './fixtures';

// A refused save must not look like nothing happened: the first field in
// error (or the refusal, where no field is to blame) takes the focus and
// comes into view below the sticky top bar, and a screen reader hears why.

/** Where the focus is: in view, below the top bar, and what it is. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const bar = document.querySelector('.app-bar')!.getBoundingClientRect();
    const r = el?.getBoundingClientRect();
    const described = (el?.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ');
    return {
      name: el?.getAttribute('name') ?? el?.getAttribute('data-testid') ?? el?.tagName ?? '',
      invalid: el?.getAttribute('aria-invalid') === 'true',
      inRefusal: !!el?.closest('.refusal'),
      belowBar: !!r && r.top >= bar.bottom - 1 && r.bottom <= innerHeight,
      described,
    };
  });
}

for (const width of [360, 390]) {
  test(`at ${width} px in elder mode: a refused setting focuses its field, in view, and the field says why`, async ({ page }) => {
    await page.setViewportSize({ width, height: 740 });
    await loadDemo(page);
    await page.getByTestId('elder-switch').click();
    await page.locator('[data-tab=more]').click();
    await page.getByTestId('more-data').click();
    await page.locator('input[name=shift-alarm]').fill('1441');
    // The save button is far below the field: the page is scrolled there.
    await page.getByTestId('save-settings').scrollIntoViewIfNeeded();
    await page.getByTestId('save-settings').click();
    await expect(page.locator('input[name=shift-alarm]')).toBeFocused();
    const at = await focused(page);
    expect(at).toMatchObject({ name: 'shift-alarm', invalid: true, belowBar: true });
    expect(at.described).toContain('请输入 0 到 1440 之间的整数分钟数。');
    await expect(page.locator('main [role=alert]').filter({ hasText: '1440' })).toBeVisible();
    await page.screenshot({ path: `tests/e2e/artifacts/screens/refused-setting-elder-zh-${width}.png` });
  });
}

test('in English: a volunteer without a name and a refused booking each take the eye to what is wrong', async ({ page }) => {
  await loadDemo(page);
  await page.getByTestId('lang-switch').click();
  await page.goto('/volunteers/new');
  await page.locator('input[name=phone]').fill('13912345678');
  await page.getByTestId('save-volunteer').click();
  await expect(page.locator('input[name=name]')).toBeFocused();
  expect(await focused(page)).toMatchObject({ name: 'name', invalid: true, belowBar: true });
  expect((await focused(page)).described).not.toBe('');

  // 青年自习小组 holds 自习室 09:00–12:00 every day.
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '自习室' }).click();
  await page.getByTestId('book-space').click();
  await page.locator('input[name=date]').fill('2026-12-03');
  await page.locator('input[name=start]').fill('09:00');
  await page.locator('input[name=end]').fill('10:00');
  await page.locator('input[name=title]').fill('Reading club');
  await page.locator('input[name=organiser]').fill('Wang Fang');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('refusal')).toBeVisible();
  await expect.poll(async () => {
    const at = await focused(page);
    return at.belowBar && (at.inRefusal || at.invalid);
  }).toBe(true);
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/refused-booking-focus-en.png' });
});
