import { test, expect, loadDemo, expectNoSideways } from './fixtures';

// Wednesday 2 December 2026, 09:10 in Shanghai.
const NOW = new Date('2026-12-02T09:10:00+08:00');

/** The page size of a PDF's pages, in points, and how many pages it has. */
function pdfPages(pdf: Buffer): { count: number; boxes: string[] } {
  const text = pdf.toString('latin1');
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map(
    (m) => `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}`,
  );
  return { count: boxes.length, boxes };
}

test('the 美食节 sign-in sheet prints on A4 with everyone on it, a sign-in column and blank rows for walk-ins', async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  await page.locator('[data-tab=rosters]').click();
  await page.getByRole('link', { name: '美食节' }).first().click();
  await page.getByTestId('print-roster').click();
  const sheet = page.getByTestId('roster-sheet');
  await expect(sheet.getByTestId('page-title')).toHaveText('美食节');
  await expect(sheet.getByTestId('sheet-shift')).toHaveCount(6);
  const setUp = sheet.getByTestId('sheet-shift').first();
  await expect(setUp.locator('.shift-head')).toContainText('场地布置');
  await expect(setUp.locator('.shift-head')).toContainText('需 4–6 人');
  await expect(setUp.getByTestId('sheet-person')).toHaveCount(4);
  // Six places, four taken: two lines left to write on.
  await expect(setUp.getByTestId('sheet-blank')).toHaveCount(2);
  // Phones are masked as Chinese lists do; the sign-in column is empty to sign.
  const first = setUp.getByTestId('sheet-person').first();
  await expect(first.locator('td').nth(1)).toHaveText(/^1\d\d\*\*\*\*\d{4}$/);
  await expect(first.locator('td.sign').first()).toHaveText('');
  await expect(sheet.locator('thead th').nth(2)).toHaveText('签到（时间/签名）');
  await expectNoSideways(page);
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/roster-sheet-zh.png', fullPage: true });

  // On paper: no app bar, tab bar, back link or print button.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.app-bar')).toBeHidden();
  await expect(page.locator('.tab-bar')).toBeHidden();
  await expect(page.getByTestId('print')).toBeHidden();
  await expect(sheet).toBeVisible();
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/roster-sheet-print.png', fullPage: true });
  const pdf = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  for (const box of pdf.boxes) expect(box).toBe('595x842');
  // The title stays with its table, and the sheet takes the pages its
  // rows need, no more: an A4 page less 12 mm margins holds 273 mm.
  const sheetHeight = await sheet.evaluate((el) => el.getBoundingClientRect().height);
  const pageHeight = (273 / 25.4) * 96;
  const needed = Math.ceil(sheetHeight / pageHeight);
  expect(pdf.count, `pages for ${Math.round(sheetHeight)} px`).toBeLessThanOrEqual(needed);
  const title = await sheet.getByTestId('page-title').boundingBox();
  const firstRow = await sheet.getByTestId('sheet-shift').first().boundingBox();
  expect((firstRow?.y ?? 0) - (title?.y ?? 0), 'the first shift follows the title on page 1').toBeLessThan(pageHeight);
});

test("a space's door sheet shows its week without phones or rooms and fits one A4 page", async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '健身房' }).click();
  await page.getByTestId('week-view').getByRole('button', { name: '下一周' }).click();
  await expect(page.getByTestId('week-label')).toContainText('12月7日');
  await page.getByTestId('print-door').click();
  await expect(page).toHaveURL(/\/door\?week=2026-12-07$/);
  const sheet = page.getByTestId('door-sheet');
  await expect(sheet.getByTestId('page-title')).toHaveText('健身房');
  await expect(sheet.locator('.sheet-head')).toContainText('12月7日 周一 – 12月13日 周日');
  await expect(sheet.getByTestId('door-day')).toHaveCount(7);
  await expect(sheet.getByTestId('door-booking').filter({ hasText: '长者康复操' }).first()).toContainText('09:00');
  // Nothing on the door that a passer-by should not read.
  expect(await sheet.innerText()).not.toMatch(/1\d{10}|\d\*\*\*\*\d|室|\d+号楼\s*\d+/);
  await expect(sheet.getByTestId('door-day').first()).toContainText('周一');
  await expectNoSideways(page);
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/door-sheet-zh.png', fullPage: true });

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.tab-bar')).toBeHidden();
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/door-sheet-print.png', fullPage: true });
  const pdf = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  expect(pdf.boxes).toEqual(['595x842']);
});

test('the door sheet reads in English too', async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  await page.getByTestId('lang-switch').click();
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '健身房' }).click();
  await page.getByTestId('print-door').click();
  const sheet = page.getByTestId('door-sheet');
  await expect(sheet.locator('.sheet-head')).toContainText('Mon 30 Nov – Sun 6 Dec');
  await expect(page.getByTestId('print')).toHaveText('Print');
  await expect(sheet.locator('.sheet-foot')).toContainText('Printed Wed 2 Dec 09:10');
});
