import { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { expect, expectNoSideways, loadDemo, test } from './fixtures';

// The screens of a person's data, looked at: the notices where data is
// taken, the volunteer form's consent, the erase confirmation, what is held
// about a volunteer, the full notice and the phone's "delete everything" —
// at 360 and 390 px, in Chinese and English, in normal and elder mode.

async function accessible(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${where}: ${v.id} ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** The first demo volunteer's page. */
async function firstVolunteer(page: Page): Promise<string> {
  await page.goto('/volunteers');
  await page.getByTestId('volunteer').first().getByRole('link').click();
  await expect(page.getByTestId('personal-section')).toBeVisible();
  return new URL(page.url()).pathname;
}

for (const width of [360, 390]) {
  for (const lang of ['zh', 'en'] as const) {
    for (const elder of [false, true]) {
      const tag = `${lang}-${width}${elder ? '-elder' : ''}`;
      test(`a person's data, ${tag}: notices, consent, erase confirmation, what is held, the full notice`, async ({ page }) => {
        await page.setViewportSize({ width, height: 844 });
        await loadDemo(page);
        if (lang === 'en') await page.getByTestId('lang-switch').click();
        if (elder) await page.getByTestId('elder-switch').click();
        const shot = async (what: string) => {
          await expectNoSideways(page);
          await accessible(page, `${what} ${tag}`);
          await page.screenshot({ path: `tests/e2e/artifacts/screens/personal-${what}-${tag}.png`, fullPage: true });
        };

        // The volunteer form: the notice and how they agreed, asked for.
        await page.goto('/volunteers/new');
        await page.locator('input[name=name]').fill(lang === 'zh' ? '新来的志愿者' : 'New Volunteer');
        await page.getByTestId('save-volunteer').click();
        await expect(page.locator('[data-field=consent]')).toHaveText(lang === 'zh' ? '请填写这一项。' : 'Please fill this in.');
        await expect(page.getByTestId('privacy-notice')).toContainText(lang === 'zh' ? '其他居民看不到' : 'other residents do not');
        await page.locator('input[name=consent][value=recorded]').check();
        await shot('volunteer-form');

        // A volunteer's page: consent, what is held, erasing them.
        const path = await firstVolunteer(page);
        await expect(page.getByTestId('consent')).toContainText(lang === 'zh' ? '登记同意' : 'recorded by');
        await page.getByTestId('erase-person').click();
        await expect(page.getByTestId('erase-confirm')).toBeVisible();
        await shot('erase');
        await page.getByTestId('erase-person-no').click();
        await expect(page.getByTestId('erase-confirm')).toHaveCount(0);
        await page.goto(`${path}/personal`);
        await expect(page.getByTestId('held-shifts')).toBeVisible();
        await shot('held');

        // The booking form's notice, and the full notice it links to.
        await page.goto('/spaces');
        await page.getByRole('link', { name: '健身房' }).click();
        await page.getByTestId('book-space').click();
        await expect(page.getByTestId('privacy-notice')).toContainText(lang === 'zh' ? '6 个月后自动清除' : 'erased 6 months after');
        await page.getByTestId('privacy-link').click();
        await expect(page.getByTestId('privacy-text')).toContainText(lang === 'zh' ? '您的权利' : 'Your rights');
        await shot('notice');

        // Deleting the community from this phone names what goes.
        await page.goto('/data');
        await page.getByTestId('clear-data').click();
        await expect(page.getByTestId('clear-losses')).toContainText(lang === 'zh' ? '预约' : 'Bookings');
        await shot('clear');
      });
    }
  }
}

test('erasing an organiser from a booking, and the app still opening after the phone was emptied', async ({ page }) => {
  await loadDemo(page);
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '健身房' }).click();
  await page.getByTestId('book-space').click();
  await page.locator('input[name=date]').fill('2026-12-04');
  await page.locator('input[name=start]').fill('14:00');
  await page.locator('input[name=end]').fill('15:00');
  await page.locator('input[name=title]').fill('钱家聚会');
  await page.locator('input[name=organiser]').fill('钱阿姨');
  await page.locator('input[name=phone]').fill('13900001234');
  await page.locator('input[name=room]').fill('9号楼 101');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('organiser')).toHaveText('钱阿姨');
  await page.locator('details.personal-data summary').click();
  await page.getByTestId('erase-person').click();
  await expect(page.getByTestId('erase-confirm')).toContainText('钱阿姨');
  await page.getByTestId('erase-person-yes').click();
  await expect(page.getByTestId('organiser')).toHaveText('（已删除）');
  await expect(page.locator('a[href^="tel:13900001234"]')).toHaveCount(0);
  await expect(page.getByText('9号楼 101')).toHaveCount(0);
  await expect(page.getByTestId('page-title')).toHaveText('钱家聚会');
});
