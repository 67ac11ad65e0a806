import { Page } from '@playwright/test';
import { test, expect, loadDemo, expectNoSideways } from './fixtures';

// What a phone of 360 or 390 px shows: whole values in every field, what a
// screen is for at its top, and no text that widens the page.

const LONG_NAME = '欧阳' + 'Wangfangxiaomingzhanglilizhaozhao'.slice(0, 38);
const URL_TEXT = 'https://example.org/a/very/long/path/without/any/spaces/at/all/in/it';

async function openSpace(page: Page, name: string) {
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name }).click();
  await expect(page.getByTestId('page-title')).toHaveText(name);
}

/** The top of an element on the page, in CSS pixels. */
async function top(page: Page, selector: string): Promise<number> {
  const box = await page.locator(selector).first().boundingBox();
  expect(box, selector).not.toBeNull();
  return box?.y ?? 0;
}

for (const width of [360, 390]) {
  test.describe(`${width} px`, () => {
    test.use({ viewport: { width, height: 800 } });

    test('the booking form shows every date and time whole, in Chinese and English', async ({ page }) => {
      await loadDemo(page);
      for (const lang of ['zh', 'en']) {
        if (lang === 'en') await page.getByTestId('lang-switch').click();
        await openSpace(page, '健身房');
        await page.getByTestId('book-space').click();
        for (const name of ['date', 'start', 'end']) {
          const box = await page.locator(`input[name=${name}]`).boundingBox();
          // A date ("12/08/2026") or a time ("03:00 PM") with its picker
          // needs about 140 px to be read whole.
          expect(box?.width ?? 0, `${lang} ${name}`).toBeGreaterThanOrEqual(140);
        }
        await expectNoSideways(page);
        await page.screenshot({ path: `tests/e2e/artifacts/screens/booking-form-${width}-${lang}.png`, fullPage: true });
        // "Find a free space" asks for the same three values.
        await page.goto('/find');
        for (const name of ['date', 'start', 'end']) {
          const box = await page.locator(`input[name=${name}]`).boundingBox();
          expect(box?.width ?? 0, `find ${lang} ${name}`).toBeGreaterThanOrEqual(140);
        }
      }
    });

    test('a space opens on when it is free and the book button; exports are folded below', async ({ page }) => {
      await loadDemo(page);
      await openSpace(page, '安家院儿');
      const book = await top(page, '[data-testid=book-space]');
      const day = await top(page, '[data-testid=day-view]');
      expect(book).toBeLessThan(800);
      expect(day).toBeGreaterThan(book);
      expect(day).toBeLessThan(await top(page, '[data-testid=opening-hours]'));
      expect(day).toBeLessThan(await top(page, '[data-testid=space-more]'));
      await expect(page.locator('input[name=export-to]')).toBeHidden();
      await page.getByTestId('space-more').locator('summary').click();
      // The "to" date stays inside its card.
      const card = await page.getByTestId('space-more').boundingBox();
      for (const name of ['export-from', 'export-to']) {
        const box = await page.locator(`input[name=${name}]`).boundingBox();
        expect((box?.x ?? 0) + (box?.width ?? 0), name).toBeLessThanOrEqual((card?.x ?? 0) + (card?.width ?? 0));
      }
      await expectNoSideways(page);
      await page.screenshot({ path: `tests/e2e/artifacts/screens/space-detail-${width}-zh.png`, fullPage: true });

      // A space with no location says nothing about one.
      await page.goto('/spaces/new');
      await page.locator('input[name=name]').fill('楼道议事角');
      await page.getByTestId('save-space').click();
      await expect(page.getByTestId('page-title')).toHaveText('楼道议事角');
      await expect(page.getByTestId('space-location')).toHaveCount(0);
      await expect(page.locator('main')).not.toContainText('位置');
    });

    test("an activity opens on its shifts and gaps; actions and exports come after", async ({ page }) => {
      await loadDemo(page);
      await page.locator('[data-tab=rosters]').click();
      await page.getByRole('link', { name: '美食节' }).click();
      const firstShift = await top(page, '[data-testid=shift]');
      expect(firstShift).toBeLessThan(800);
      expect(firstShift).toBeLessThan(await top(page, '[data-testid=add-shift]'));
      expect(firstShift).toBeLessThan(await top(page, '[data-testid=roster-more]'));
      await expect(page.getByTestId('export-roster')).toBeHidden();
      await expectNoSideways(page);
      await page.screenshot({ path: `tests/e2e/artifacts/screens/activity-detail-${width}-zh.png`, fullPage: true });
    });

    test('a name without spaces and a pasted address wrap instead of widening the page', async ({ page }) => {
      await loadDemo(page);
      await page.goto('/volunteers/new');
      await page.locator('input[name=name]').fill(LONG_NAME);
      await page.locator('input[name=teams]').fill('Neighbourhoodwatchnightpatrolsquadnumberone');
      await page.locator('input[name=notes]').fill(URL_TEXT);
      await page.locator('input[name=consent][value=own]').check();
      await page.getByTestId('save-volunteer').click();
      await expect(page.getByTestId('page-title')).toHaveText(LONG_NAME);
      await expectNoSideways(page);
      await page.locator('[data-tab=volunteers]').click();
      await page.locator('input[name=search]').fill('欧阳Wang');
      await expect(page.getByTestId('volunteer')).toHaveCount(1);
      await expectNoSideways(page);

      await openSpace(page, '书吧');
      await page.getByTestId('book-space').click();
      await page.locator('input[name=date]').fill('2026-12-05');
      await page.locator('input[name=start]').fill('15:00');
      await page.locator('input[name=end]').fill('16:00');
      await page.locator('input[name=title]').fill(URL_TEXT);
      await page.locator('input[name=organiser]').fill(LONG_NAME);
      await page.getByTestId('submit-booking').click();
      await expect(page.getByTestId('saved-notice')).toBeVisible();
      await expectNoSideways(page);
      await page.getByRole('link', { name: '书吧' }).click();
      await expectNoSideways(page);
      await page.locator('[data-tab=rosters]').click();
      await page.getByRole('link', { name: '美食节' }).click();
      await page.getByTestId('shift').first().locator('a.item-title').click();
      await page.locator('input[name=volunteer-search]').fill('欧阳Wang');
      await expect(page.getByTestId('volunteer-matches')).toContainText(LONG_NAME);
      await expectNoSideways(page);
      await expect(page.locator('.tab-bar')).toBeInViewport();
      await page.screenshot({ path: `tests/e2e/artifacts/screens/long-text-${width}-zh.png`, fullPage: true });
    });
  });
}
