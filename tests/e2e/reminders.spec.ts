import { Page } from '@playwright/test';
import ICAL from 'ical.js';
import { test, expect, loadDemo, downloadFile } from './fixtures';

// Reminders with no server: every .ics the app writes carries a VALARM, so
// the phone's own calendar rings. Read back with ical.js, a third-party
// iCalendar parser, as a calendar app would.

type Alarm = { summary: string; action: string; seconds: number };

/** Each event of a calendar file with its reminders, as ical.js reads them. */
function alarmsOf(text: string): { summary: string; status: string; alarms: Alarm[] }[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((event) => {
    const summary = String(event.getFirstPropertyValue('summary') ?? '');
    return {
      summary,
      status: String(event.getFirstPropertyValue('status') ?? ''),
      alarms: event.getAllSubcomponents('valarm').map((alarm) => ({
        summary,
        action: String(alarm.getFirstPropertyValue('action') ?? ''),
        seconds: (alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds(),
      })),
    };
  });
}

async function saveAlarms(page: Page, shift: string, booking: string) {
  await page.locator('[data-tab=data]').click();
  await page.locator('input[name=shift-alarm]').fill(shift);
  await page.locator('input[name=booking-alarm]').fill(booking);
  await page.getByTestId('save-settings').click();
}

test('my next shifts go to the phone’s calendar from Today with a reminder an hour before; the minutes are a setting of this phone', async ({ page }) => {
  await loadDemo(page);
  await page.locator('[data-tab=rosters]').click();
  await page.getByRole('link', { name: '美食节' }).click();
  await page.locator('main a.person').filter({ hasText: /已报名|已确认/ }).first().click();
  await page.getByTestId('this-is-me').click();
  await page.locator('[data-tab=today]').click();
  await expect(page.getByTestId('my-shifts').locator('li').first()).toBeVisible();
  const listed = await page.getByTestId('my-shifts').locator('li').count();
  expect(listed).toBeGreaterThan(0);

  // One tap from Today.
  const mine = await downloadFile(page, 'export-my-shifts');
  expect(mine.name).toMatch(/\.ics$/);
  const events = alarmsOf(mine.text);
  expect(events.length).toBeGreaterThanOrEqual(listed);
  for (const e of events) {
    expect(e.alarms, e.summary).toEqual([{ summary: e.summary, action: 'DISPLAY', seconds: -3600 }]);
  }

  // A booking calendar reminds 30 minutes before, except what was cancelled.
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '红色议事厅' }).click();
  await page.getByTestId('space-more').locator('summary').click();
  const bookings = alarmsOf((await downloadFile(page, 'export-bookings-ics')).text);
  expect(bookings.length).toBeGreaterThan(0);
  for (const e of bookings) {
    const expected = e.status === 'CANCELLED' ? [] : [{ summary: e.summary, action: 'DISPLAY', seconds: -1800 }];
    expect(e.alarms, e.summary).toEqual(expected);
  }

  // Not a number of minutes: said, and nothing changes.
  await saveAlarms(page, '-5', '30');
  await expect(page.locator('[data-field=shift-alarm]')).toBeVisible();
  await saveAlarms(page, '1441', '30');
  await expect(page.locator('[data-field=shift-alarm]')).toBeVisible();
  await page.reload();
  await expect(page.locator('input[name=shift-alarm]')).toHaveValue('60');

  // 15 minutes before a shift; no reminder for bookings.
  await saveAlarms(page, '15', '0');
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await page.locator('[data-tab=today]').click();
  for (const e of alarmsOf((await downloadFile(page, 'export-my-shifts')).text)) {
    expect(e.alarms.map((a) => a.seconds), e.summary).toEqual([-900]);
  }
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '红色议事厅' }).click();
  await page.getByTestId('space-more').locator('summary').click();
  for (const e of alarmsOf((await downloadFile(page, 'export-bookings-ics')).text)) {
    expect(e.alarms, e.summary).toEqual([]);
  }
});
