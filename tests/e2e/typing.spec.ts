import { Page } from '@playwright/test';
import { test, expect, fixClock, loadDemo } from './fixtures';

// What a person types stays typed while another tab of the same phone
// saves: forms are filled once and say when their record changed.

async function secondTab(page: Page): Promise<Page> {
  const other = await page.context().newPage();
  await fixClock(other);
  return other;
}

/** Saves a new volunteer called `name` in `tab`. */
async function addVolunteer(tab: Page, name: string) {
  await tab.goto('/volunteers/new');
  await tab.locator('input[name=name]').fill(name);
  await tab.locator('input[name=consent][value=own]').check();
  await tab.getByTestId('save-volunteer').click();
  await expect(tab.getByTestId('page-title')).toHaveText(name);
}

test('a half-filled volunteer form keeps its typing when another tab saves, and offers the newer version', async ({ page }) => {
  await loadDemo(page);
  await page.locator('[data-tab=volunteers]').click();
  await page.getByTestId('volunteer').first().getByRole('link').click();
  const name = (await page.getByTestId('page-title').textContent()) ?? '';
  const url = page.url();
  await page.getByTestId('edit-volunteer').click();
  await page.locator('input[name=notes]').fill('周末可以多排');

  // Another tab saves some other record: nothing changes here.
  const other = await secondTab(page);
  await addVolunteer(other, '另一个标签页的人');
  await page.waitForTimeout(500);
  await expect(page.locator('input[name=notes]')).toHaveValue('周末可以多排');
  await expect(page.getByTestId('changed-elsewhere')).toHaveCount(0);

  // Another tab changes this very volunteer: the typing stays, and the
  // form says so and offers the new version.
  await other.goto(new URL(url).pathname + '/edit');
  await other.locator('input[name=room]').fill('9号楼 901');
  await other.getByTestId('save-volunteer').click();
  await expect(other.getByTestId('page-title')).toHaveText(name);
  await expect(page.getByTestId('changed-elsewhere')).toContainText('这条记录刚在别处被修改了');
  await expect(page.locator('input[name=notes]')).toHaveValue('周末可以多排');
  await expect(page.locator('input[name=room]')).not.toHaveValue('9号楼 901');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/changed-elsewhere-zh.png', fullPage: true });
  await page.getByTestId('load-new-version').click();
  await expect(page.locator('input[name=room]')).toHaveValue('9号楼 901');
  await expect(page.getByTestId('changed-elsewhere')).toHaveCount(0);
  await other.close();
});

test('in English too: a booking form and a reason being typed survive a save in another tab', async ({ page }) => {
  await loadDemo(page);
  await page.getByTestId('lang-switch').click();
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '书吧' }).click();
  await page.getByTestId('book-space').click();
  await page.locator('input[name=title]').fill('Poetry evening');
  await page.locator('input[name=organiser]').fill('Wang Fang');

  const other = await secondTab(page);
  await addVolunteer(other, 'Someone else');
  // A booking in this very space, from the other tab: the form stays.
  await other.goto('/spaces');
  await other.getByRole('link', { name: '书吧' }).click();
  await other.getByTestId('book-space').click();
  await other.locator('input[name=date]').fill('2026-12-05');
  await other.locator('input[name=start]').fill('15:00');
  await other.locator('input[name=end]').fill('16:00');
  await other.locator('input[name=title]').fill('读书会');
  await other.locator('input[name=organiser]').fill('李洋');
  await other.getByTestId('submit-booking').click();
  await expect(other.getByTestId('saved-notice')).toBeVisible();
  await page.waitForTimeout(500);
  await expect(page.locator('input[name=title]')).toHaveValue('Poetry evening');
  await expect(page.locator('input[name=organiser]')).toHaveValue('Wang Fang');

  // A detail page keeps a reason being typed while the other tab writes.
  await page.goto('/');
  await page.locator('[data-status=requested] a.item-title').first().click();
  await page.locator('input[name=reason]').fill('The hall is being painted');
  await addVolunteer(other, 'A third person');
  await other.goto('/');
  await other.locator('[data-status=requested] a.item-title').first().click();
  await other.getByTestId('approve').click();
  await expect(page.getByTestId('booking-status')).toHaveText('Confirmed');
  await expect(page.locator('input[name=reason]')).toHaveValue('The hall is being painted');
  await other.close();
});
