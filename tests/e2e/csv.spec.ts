import { Page } from '@playwright/test';
import { test, expect, loadDemo, downloadFile, openInSpreadsheet } from './fixtures';

// Text a resident typed never becomes a formula in a spreadsheet: every
// CSV the app writes is opened in LibreOffice Calc and must hold no formula.

const LINK = '=HYPERLINK("http://x","y")';
const ROLE = '+1+1';
const TITLE = '@SUM(1,1)';
const ORGANISER = '-2+3';

async function expectNoFormulas(csv: string, texts: string[]) {
  const sheet = await openInSpreadsheet(csv);
  expect(sheet.formulas, 'formulas in the spreadsheet').toEqual([]);
  for (const text of texts) expect(sheet.cells, text).toContain(`'${text}`);
}

async function rosterCsv(page: Page): Promise<string> {
  await page.locator('[data-tab=rosters]').click();
  await page.getByRole('link', { name: '非机动车巡逻' }).click();
  await page.getByTestId('roster-more').locator('summary').click();
  return (await downloadFile(page, 'export-roster-csv')).text;
}

test('names, roles and titles that look like formulas stay text in every CSV, in a real spreadsheet', async ({ page }) => {
  await loadDemo(page);
  // A volunteer, a shift role and a booking typed to look like formulas.
  await page.goto('/volunteers/new');
  await page.locator('input[name=name]').fill(LINK);
  await page.locator('input[name=phone]').fill('13900009999');
  await page.locator('input[name=consent][value=own]').check();
  await page.getByTestId('save-volunteer').click();
  await expect(page.getByTestId('page-title')).toHaveText(LINK);

  await page.locator('[data-tab=rosters]').click();
  await page.getByRole('link', { name: '非机动车巡逻' }).click();
  await page.getByTestId('add-shift').click();
  await page.locator('input[name=role]').fill(ROLE);
  await page.locator('input[name=date]').fill('2026-12-02');
  await page.locator('input[name=start]').fill('05:00');
  await page.locator('input[name=end]').fill('06:00');
  await page.getByTestId('save-shift').click();
  await page.locator('input[name=volunteer-search]').fill('HYPERLINK');
  await page.getByTestId('volunteer-matches').getByTestId('assign').click();
  await expect(page.getByTestId('on-shift')).toContainText(LINK);
  // They did not come: a no-show puts them in the month's hours table.
  await page.getByRole('link', { name: '非机动车巡逻' }).click();
  await page.locator('a[href$="check-in?date=2026-12-02"]').click();
  await page.locator('input[name=checkin-search]').fill('9999');
  await page.getByTestId('checkin-person').getByTestId('do-no-show').click();
  await expect(page.getByTestId('checkin-person')).toHaveAttribute('data-status', 'noshow');

  const roster = await rosterCsv(page);
  expect(roster).toContain(`"'${LINK.replace(/"/g, '""')}"`);
  await expectNoFormulas(roster, [LINK, ROLE]);

  await page.locator('[data-tab=rosters]').click();
  const hours = (await downloadFile(page, 'export-hours')).text;
  await expectNoFormulas(hours, [LINK]);

  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '书吧' }).click();
  await page.getByTestId('book-space').click();
  await page.locator('input[name=date]').fill('2026-12-05');
  await page.locator('input[name=start]').fill('15:00');
  await page.locator('input[name=end]').fill('16:00');
  await page.locator('input[name=title]').fill(TITLE);
  await page.locator('input[name=organiser]').fill(ORGANISER);
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('page-title')).toHaveText(TITLE);
  await page.getByRole('link', { name: '书吧' }).click();
  await page.getByTestId('space-more').locator('summary').click();
  const bookings = (await downloadFile(page, 'export-bookings-csv')).text;
  await expectNoFormulas(bookings, [TITLE, ORGANISER]);
  // Counts stay numbers a spreadsheet can add up.
  const sheet = await openInSpreadsheet(bookings);
  expect(sheet.cells).toContain('10');
});
