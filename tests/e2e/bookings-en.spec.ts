import { Page } from '@playwright/test';
import { test, expect, loadDemo } from './fixtures';

// Wednesday 2 December 2026, 09:10 in Shanghai.
const NOW = new Date('2026-12-02T09:10:00+08:00');
const TOMORROW = '2026-12-03';

async function inEnglish(page: Page) {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('page-title')).toHaveText('Today');
}

async function fillBooking(page: Page, date: string, start: string, end: string, title: string) {
  await page.locator('input[name=date]').fill(date);
  await page.locator('input[name=start]').fill(start);
  await page.locator('input[name=end]').fill(end);
  await page.locator('input[name=title]').fill(title);
  await page.locator('input[name=organiser]').fill('Wang Fang');
}

test('in English: create a space with approval, book it, approve, clash and take a suggestion', async ({ page }) => {
  await inEnglish(page);
  await page.locator('[data-tab=spaces]').click();
  await page.getByTestId('add-space').click();
  await expect(page.getByTestId('page-title')).toHaveText('New space');
  await page.locator('input[name=capacity]').fill('0');
  await page.getByTestId('save-space').click();
  await expect(page.locator('[data-field=capacity]')).toHaveText('Capacity must be at least 1.');
  await page.locator('input[name=name]').fill('Tea room');
  await page.locator('input[name=capacity]').fill('12');
  await page.locator('input[name=hours-4]').fill('09:00-12:00, 14:00-18:00');
  await page.locator('input[name=approval]').check();
  await page.getByTestId('save-space').click();
  await expect(page.getByTestId('page-title')).toHaveText('Tea room');
  await expect(page.getByTestId('opening-hours')).toContainText('09:00–12:00, 14:00–18:00');

  await page.getByTestId('book-space').click();
  await fillBooking(page, TOMORROW, '09:00', '10:30', 'Calligraphy class');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('saved-notice')).toHaveText('Sent; waiting for approval.');
  await expect(page.getByTestId('booking-status')).toHaveText('Awaiting approval');
  await page.getByTestId('approve').click();
  await expect(page.getByTestId('booking-status')).toHaveText('Confirmed');

  // A request that overlaps it (the requested slot is held too).
  await page.getByRole('link', { name: 'Tea room' }).click();
  await page.getByTestId('book-space').click();
  await fillBooking(page, TOMORROW, '10:00', '11:00', 'Chess club');
  await page.getByTestId('submit-booking').click();
  const refusal = page.getByTestId('refusal');
  await expect(refusal).toContainText('This time cannot be booked');
  await expect(refusal).toContainText('Clashes with “Calligraphy class” (09:00–10:30)');
  await expect(page.getByTestId('suggested-times')).toContainText('Thu 3 Dec');
  await expect(page.getByTestId('suggested-spaces').getByRole('link')).not.toHaveCount(0);
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/booking-refused-en.png', fullPage: true });
  await page.getByTestId('suggested-times').getByRole('button').first().click();
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('saved-notice')).toHaveText('Sent; waiting for approval.');

  await page.reload();
  await expect(page.getByTestId('booking-status')).toHaveText('Awaiting approval');
  await page.getByRole('link', { name: 'Tea room' }).click();
  await expect(page.getByTestId('space-bookings')).toContainText('Calligraphy class');
  await expect(page.getByTestId('space-bookings')).toContainText('Chess club');
});

test('in English: find a free space, book it, and check in another booking', async ({ page }) => {
  await inEnglish(page);
  await page.getByTestId('find-space').click();
  await expect(page.getByTestId('page-title')).toHaveText('Find a free space');
  await page.locator('input[name=date]').fill(TOMORROW);
  await page.locator('input[name=start]').fill('09:00');
  await page.locator('input[name=end]').fill('10:00');
  await page.locator('input[name=people]').fill('12');
  await page.getByTestId('find-search').click();
  const results = page.getByTestId('find-results');
  await expect(results).not.toContainText('自习室');
  await results.locator('li', { hasText: '红色议事厅' }).getByRole('link').click();
  await expect(page.locator('input[name=start]')).toHaveValue('09:00');
  await page.locator('input[name=title]').fill('Block leaders');
  await page.locator('input[name=organiser]').fill('Chen Min');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('saved-notice')).toHaveText('Sent; waiting for approval.');

  await page.locator('[data-tab=today]').click();
  await page.getByTestId('today-bookings').getByRole('link', { name: '长者康复操' }).click();
  await page.locator('input[name=attendance]').fill('');
  await page.getByTestId('check-in').click();
  await expect(page.locator('.field-error')).toHaveText('Enter how many people came, as a whole number.');
  await page.locator('input[name=attendance]').fill('11');
  await page.getByTestId('check-in').click();
  await expect(page.getByTestId('checked-in')).toContainText('11 came');
  await page.reload();
  await expect(page.getByTestId('checked-in')).toContainText('09:10');
});

test('in English: a weekly series skips its clash, and one date is cancelled alone', async ({ page }) => {
  await inEnglish(page);
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '安家院儿' }).click();
  await page.getByTestId('book-space').click();
  await fillBooking(page, '2026-12-09', '10:00', '11:00', 'Book swap');
  await page.locator('select[name=repeat]').selectOption('weekly');
  await page.locator('input[name=count]').fill('3');
  await page.getByTestId('submit-booking').click();
  const rows = page.getByTestId('occurrence');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Wed 9 Dec');
  await expect(rows.nth(0)).toContainText('Can be booked');
  await expect(rows.nth(1)).toHaveAttribute('data-fits', 'false');
  await expect(rows.nth(1)).toContainText('Clashes with “健康讲座”');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/series-preview-en.png', fullPage: true });
  await expect(page.getByTestId('save-series')).toHaveText('Save the 2 selected');
  await page.getByTestId('save-series').click();
  await expect(page.getByTestId('page-title')).toHaveText('安家院儿');

  await page.getByTestId('space-bookings').getByRole('link', { name: 'Book swap' }).first().click();
  await expect(page.locator('body')).toContainText('This is one booking of a series.');
  await expect(page.getByTestId('cancel')).toHaveText('Cancel this one only');
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('booking-status')).toHaveText('Cancelled');
  await page.reload();
  await expect(page.getByTestId('booking-status')).toHaveText('Cancelled');
});

test('in English: notices say what happened, the phone is named, and a too-long booking gets the longest allowed time', async ({ page }) => {
  await inEnglish(page);
  await page.locator('[data-status=requested] a.item-title').first().click();
  await page.getByTestId('decline').click();
  await expect(page.getByTestId('saved-notice')).toHaveText('Request declined; the time is free again.');
  await expect(page.getByTestId('changed-by')).toHaveText(/^Status changed by this phone \([0-9a-f]{8}\)\.$/);

  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '健身房' }).click();
  await page.getByTestId('book-space').click();
  await fillBooking(page, '2026-12-05', '14:00', '18:00', 'Table tennis');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('refusal')).not.toContainText('No suitable free time');
  await expect(page.getByTestId('suggested-times').getByRole('button').first()).toHaveText('Sat 5 Dec 14:00–16:00');
  await page.getByTestId('suggested-times').getByRole('button').first().click();
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('saved-notice')).toHaveText('Booked and confirmed.');
  await page.getByTestId('edit-booking').click();
  await page.locator('input[name=title]').fill('Table tennis club');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('saved-notice')).toHaveText('Changes saved.');
});
