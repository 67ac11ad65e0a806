import { test, expect, TABS, fixClock, loadDemo, downloadFile, todayFigures, todayShown, expectNoSideways } from './fixtures';

// The guard that no screen, and no expectation, depends on the day the
// suite runs: the demo loads and Today counts what its records say on each
// weekday, a month end, the year's end and a leap day (the same days as
// GUARD_DAYS in tests/demo_community.rs).
const DAYS = [
  '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05',
  '2026-12-06', '2027-01-31', '2026-12-31', '2028-02-29',
];

for (const day of DAYS) {
  test(`on ${day} the demo loads and every tab shows what its records say`, async ({ page }) => {
    await fixClock(page, new Date(`${day}T09:10:00+08:00`));
    await loadDemo(page);
    const figures = await todayShown(page);
    await page.locator('[data-tab=data]').click();
    const backup = await downloadFile(page, 'export-all');
    expect(backup.name).toBe(`linli-backup-${day}.json`);
    const expected = todayFigures(backup.text, day);
    expect(figures).toEqual(expected);
    // Six e-bike patrols a day, and the demo is never empty on Today.
    expect(expected.shifts).toBeGreaterThanOrEqual(6);
    expect(expected.bookings).toBeGreaterThan(0);
    for (const tab of TABS) {
      await page.locator(`[data-tab=${tab.id}]`).click();
      await expect(page.getByTestId('page-title')).toHaveText(tab.zh);
      await expect(page.locator('.loading')).toHaveCount(0);
      await expectNoSideways(page);
    }
  });
}
