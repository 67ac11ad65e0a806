import { Page } from '@playwright/test';
import { test, expect, loadDemo } from './fixtures';

// Wednesday 2 December 2026, 09:10 in Shanghai. The demo is built around
// this "now", so its bookings fall on known days and times.
const NOW = new Date('2026-12-02T09:10:00+08:00');
const TOMORROW = '2026-12-03';

async function demoAt(page: Page, when: Date = NOW) {
  await page.clock.setFixedTime(when);
  await loadDemo(page);
}

async function openSpace(page: Page, name: string) {
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name }).click();
  await expect(page.getByTestId('page-title')).toHaveText(name);
}

async function fillBooking(page: Page, date: string, start: string, end: string, title: string) {
  await page.locator('input[name=date]').fill(date);
  await page.locator('input[name=start]').fill(start);
  await page.locator('input[name=end]').fill(end);
  await page.locator('input[name=title]').fill(title);
  await page.locator('input[name=organiser]').fill('王芳');
  await page.locator('input[name=phone]').fill('13812345678');
}

test('an overlapping booking is refused with the rule and what would fit, and a suggestion books', async ({ page }) => {
  await demoAt(page);
  await openSpace(page, '自习室');
  await page.getByTestId('book-space').click();
  // 青年自习小组 holds 09:00–12:00 every day.
  await fillBooking(page, TOMORROW, '09:00', '10:00', '读书会');
  await page.getByTestId('submit-booking').click();
  const refusal = page.getByTestId('refusal');
  await expect(refusal).toContainText('青年自习小组');
  await expect(refusal).toContainText('09:00–12:00');
  await expect(page.getByTestId('suggested-times').getByRole('button')).not.toHaveCount(0);
  await expect(page.getByTestId('suggested-spaces')).toContainText('安家院儿');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/booking-refused-zh.png', fullPage: true });

  await page.getByTestId('suggested-times').getByRole('button').first().click();
  await expect(page.getByTestId('refusal')).toHaveCount(0);
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('saved-notice')).toHaveText('预约成功，已确认。');
  await expect(page.getByTestId('booking-status')).toHaveText('已确认');
  const url = page.url();
  await page.reload();
  await expect(page.getByTestId('page-title')).toHaveText('读书会');
  expect(page.url()).toBe(url);
  await page.getByRole('link', { name: '自习室' }).click();
  await expect(page.getByTestId('space-bookings')).toContainText('读书会');
});

test('form mistakes are named next to their fields and nothing is saved', async ({ page }) => {
  await demoAt(page);
  await openSpace(page, '书吧');
  await page.getByTestId('book-space').click();
  await page.locator('input[name=title]').fill('');
  await page.locator('input[name=attendees]').fill('0');
  await page.getByTestId('submit-booking').click();
  await expect(page.locator('.field-error')).toHaveCount(3);
  await expect(page.locator('input[name=title]')).toHaveAttribute('aria-invalid', 'true');
  // Closing time: 书吧 closes at 21:00; 25 people exceed its 20 seats.
  await fillBooking(page, TOMORROW, '20:30', '21:30', '观影会');
  await page.locator('input[name=attendees]').fill('25');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('refusal')).toContainText('超出了场地的开放时间');
  await expect(page.getByTestId('refusal')).toContainText('最多 20 人');
  await page.goto('/spaces');
  await page.getByRole('link', { name: '书吧' }).click();
  await expect(page.getByTestId('page-title')).toHaveText('书吧');
  await expect(page.locator('body')).not.toContainText('观影会');
});

test('a keeper approves a request, and a cancelled booking frees its slot', async ({ page }) => {
  await demoAt(page);
  await page.locator('[data-status=requested] a.item-title').first().click();
  await expect(page.getByTestId('booking-status')).toHaveText('待审核');
  const title = await page.getByTestId('page-title').textContent();
  await page.getByTestId('approve').click();
  await expect(page.getByTestId('booking-status')).toHaveText('已确认');
  await page.reload();
  await expect(page.getByTestId('booking-status')).toHaveText('已确认');
  await expect(page.getByTestId('approve')).toHaveCount(0);

  await page.locator('input[name=reason]').fill('改期到下周');
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('booking-status')).toHaveText('已取消');
  await expect(page.locator('body')).toContainText('原因：改期到下周');
  await page.reload();
  await expect(page.getByTestId('page-title')).toHaveText(title ?? '');
  await expect(page.getByTestId('booking-status')).toHaveText('已取消');
});

test('check in with an attendance count, and release a no-show after the grace time', async ({ page }) => {
  await demoAt(page);
  // 长者康复操 runs 09:00–10:00 in the gym every day: it started ten minutes ago.
  await page.getByTestId('today-bookings').getByRole('link', { name: '长者康复操' }).click();
  await page.locator('input[name=attendance]').fill('9');
  await page.getByTestId('check-in').click();
  await expect(page.getByTestId('checked-in')).toContainText('已签到 9 人');
  await page.reload();
  await expect(page.getByTestId('checked-in')).toContainText('09:10');
  await expect(page.getByTestId('check-in')).toHaveCount(0);
  await page.locator('[data-tab=today]').click();
  await expect(page.getByTestId('today-bookings')).toContainText('已签到 9 人');

  // Twenty minutes in, nobody has claimed 青年自习小组: it may be released.
  await page.clock.setFixedTime(new Date('2026-12-02T09:20:00+08:00'));
  await page.reload();
  await page.getByTestId('today-bookings').getByRole('link', { name: '青年自习小组' }).click();
  await page.getByTestId('release').click();
  await expect(page.getByTestId('booking-status')).toHaveText('已取消');
  await expect(page.locator('body')).toContainText('未按时到场，时段已释放');
});

test('find a free space at a time, then book it with the time already filled in', async ({ page }) => {
  await demoAt(page);
  await page.getByTestId('find-space').click();
  await expect(page.getByTestId('page-title')).toHaveText('找空闲场地');
  await page.locator('input[name=date]').fill(TOMORROW);
  await page.locator('input[name=start]').fill('09:00');
  await page.locator('input[name=end]').fill('10:00');
  await page.locator('input[name=people]').fill('12');
  await page.getByTestId('find-search').click();
  const results = page.getByTestId('find-results');
  await expect(results).toBeVisible();
  // 自习室 is taken by the study group; 共享工具屋 holds only 6.
  await expect(results).not.toContainText('自习室');
  await expect(results).not.toContainText('共享工具屋');
  await expect(results).toContainText('红色议事厅');
  await results.locator('li', { hasText: '红色议事厅' }).getByRole('link').click();
  await expect(page.locator('input[name=date]')).toHaveValue(TOMORROW);
  await expect(page.locator('input[name=start]')).toHaveValue('09:00');
  await expect(page.locator('input[name=attendees]')).toHaveValue('12');
  await page.locator('input[name=title]').fill('楼组长碰头会');
  await page.locator('input[name=organiser]').fill('陈敏');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('saved-notice')).toHaveText('已提交，等待审核。');
});

test('a weekly series skips its clashing date, saves the rest, and one occurrence can be cancelled alone', async ({ page }) => {
  await demoAt(page);
  await openSpace(page, '安家院儿');
  await page.getByTestId('book-space').click();
  // Wednesdays 10:00–11:00 from 9 December, three times; 16 December has the 健康讲座 (09:30–11:00).
  await fillBooking(page, '2026-12-09', '10:00', '11:00', '读书分享会');
  await page.locator('select[name=repeat]').selectOption('weekly');
  await expect(page.locator('input[name=weekday-3]')).toBeChecked();
  await page.locator('input[name=count]').fill('3');
  await page.getByTestId('submit-booking').click();
  const rows = page.getByTestId('occurrence');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute('data-fits', 'true');
  await expect(rows.nth(1)).toHaveAttribute('data-fits', 'false');
  await expect(rows.nth(1)).toContainText('健康讲座');
  await expect(rows.nth(1).locator('input')).toBeDisabled();
  await expect(rows.nth(2)).toHaveAttribute('data-fits', 'true');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/series-preview-zh.png', fullPage: true });
  await expect(page.getByTestId('save-series')).toHaveText('保存选中的 2 次');
  await page.getByTestId('save-series').click();

  await expect(page.getByTestId('page-title')).toHaveText('安家院儿');
  await page.reload();
  await expect(page.getByTestId('space-bookings').getByRole('link', { name: '读书分享会' })).toHaveCount(1);
  await page.getByTestId('space-bookings').getByRole('link', { name: '读书分享会' }).click();
  await expect(page.locator('body')).toContainText('这是系列预约中的一次。');
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('booking-status')).toHaveText('已取消');
  await page.reload();
  await expect(page.getByTestId('booking-status')).toHaveText('已取消');
  // The other occurrence is untouched.
  await page.getByRole('link', { name: '安家院儿' }).click();
  await expect(page.getByTestId('space-bookings')).toContainText('读书分享会');
  await expect(page.getByTestId('space-bookings').locator('li', { hasText: '读书分享会' })).toContainText('已取消');
});

test('the day view shows taken and free slots, and a free slot books in two taps', async ({ page }) => {
  await demoAt(page);
  await openSpace(page, '自习室');
  const slots = page.getByTestId('slots');
  // 青年自习小组 09:00–12:00 fills those slots today; 08:00 is already past.
  await expect(slots.locator('li', { hasText: '09:00' }).locator('[data-slot=taken]')).toHaveText('青年自习小组');
  await expect(slots.locator('li', { hasText: '08:00' }).locator('[data-slot=blocked]')).toBeVisible();
  await page.getByRole('button', { name: '后一天' }).click();
  await expect(page.getByTestId('day-view')).toContainText('12月3日 周四');
  await slots.locator('li', { hasText: '13:00' }).locator('[data-slot=free]').click();
  await expect(page.locator('input[name=date]')).toHaveValue(TOMORROW);
  await expect(page.locator('input[name=start]')).toHaveValue('13:00');
  await expect(page.locator('input[name=end]')).toHaveValue('14:00');
  await page.locator('input[name=title]').fill('英语角');
  await page.locator('input[name=organiser]').fill('李洋');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('saved-notice')).toBeVisible();
  await page.getByRole('link', { name: '自习室' }).click();
  await page.getByRole('button', { name: '后一天' }).click();
  await expect(page.getByTestId('slots').locator('li', { hasText: '13:00' }).locator('[data-slot=taken]')).toHaveText('英语角');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/space-day-zh.png' });
});

test('editing one occurrence of a series moves only that one', async ({ page }) => {
  await demoAt(page);
  await openSpace(page, '红色议事厅');
  const list = page.getByTestId('space-bookings');
  await list.getByRole('link', { name: '周四大家谈' }).first().click();
  await expect(page.locator('body')).toContainText('这是系列预约中的一次。');
  await page.getByTestId('edit-booking').click();
  await expect(page.getByTestId('page-title')).toHaveText('修改预约：周四大家谈');
  await expect(page.locator('select[name=repeat]')).toHaveCount(0);
  await page.locator('input[name=start]').fill('18:00');
  await page.locator('input[name=end]').fill('19:30');
  await page.getByTestId('submit-booking').click();
  await expect(page.locator('body')).toContainText('18:00–19:30');
  await page.reload();
  await expect(page.locator('body')).toContainText('18:00–19:30');
  await page.getByRole('link', { name: '红色议事厅' }).click();
  const talks = page.getByTestId('space-bookings').locator('li', { hasText: '周四大家谈' });
  await expect(talks.nth(0)).toContainText('18:00–19:30');
  await expect(talks.nth(1)).toContainText('19:00–20:30');
});

test('the week view lists a space day by day and pages through weeks', async ({ page }) => {
  await demoAt(page);
  await openSpace(page, '红色议事厅');
  const days = page.getByTestId('week-days').locator('li');
  await expect(page.getByTestId('week-label')).toHaveText('11月30日 周一 – 12月6日 周日');
  await expect(days).toHaveCount(7);
  await expect(days.nth(3)).toContainText('周四大家谈');
  await expect(days.nth(3)).toContainText('19:00–20:30');
  await expect(days.nth(6)).toContainText('不开放');
  await page.getByRole('button', { name: '下一周' }).click();
  await expect(page.getByTestId('week-label')).toHaveText('12月7日 周一 – 12月13日 周日');
  await expect(days.nth(0)).toContainText('联席会议');
  await days.nth(3).getByRole('link', { name: /周四大家谈/ }).click();
  await expect(page.getByTestId('page-title')).toHaveText('周四大家谈');
});

test('a booking notice says what just happened, and a group that has arrived cannot be cancelled', async ({ page }) => {
  await demoAt(page);
  const device = await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok) => { const r = indexedDB.open('linli'); r.onsuccess = () => ok(r.result); });
    const id: string = await new Promise((ok) => { const r = db.transaction('meta').objectStore('meta').get('device_id'); r.onsuccess = () => ok(r.result); });
    db.close();
    return id;
  });
  // Declined: the notice says declined, never "booked and confirmed".
  await page.locator('[data-status=requested] a.item-title').first().click();
  await page.locator('input[name=reason]').fill('与联席会议冲突');
  await page.getByTestId('decline').click();
  await expect(page.getByTestId('booking-status')).toHaveText('已拒绝');
  await expect(page.getByTestId('saved-notice')).toHaveText('已拒绝这个申请，时段已空出。');
  // Nobody said "this is me": the change names this phone.
  await expect(page.getByTestId('changed-by')).toHaveText(`状态由 本机（${device.slice(0, 8)}） 更改。`);

  // Made, then edited: "booked", then "changes saved".
  await openSpace(page, '自习室');
  await page.getByTestId('book-space').click();
  await fillBooking(page, TOMORROW, '13:00', '14:00', '英语角');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('saved-notice')).toHaveText('预约成功，已确认。');
  await page.getByTestId('edit-booking').click();
  await page.locator('input[name=title]').fill('英语角（初级）');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('page-title')).toHaveText('英语角（初级）');
  await expect(page.getByTestId('saved-notice')).toHaveText('修改已保存。');

  // Checked in: the notice says so, and there is no "cancel" any more.
  await page.goto('/');
  await page.getByTestId('today-bookings').getByRole('link', { name: '长者康复操' }).click();
  await expect(page.getByTestId('cancel')).toBeVisible();
  await page.locator('input[name=attendance]').fill('9');
  await page.getByTestId('check-in').click();
  await expect(page.getByTestId('saved-notice')).toHaveText('已签到。');
  await expect(page.getByTestId('cancel')).toHaveCount(0);
  await expect(page.getByTestId('cancel-series')).toHaveCount(0);
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/booking-checked-in-zh.png', fullPage: true });
});

test('a weekly series repeats on the weekday of the date picked, until weekdays are ticked by hand', async ({ page }) => {
  await demoAt(page);
  await openSpace(page, '安家院儿');
  await page.getByTestId('book-space').click();
  // Today is a Wednesday; the booking is for Thursday 10 December.
  await fillBooking(page, '2026-12-10', '10:00', '11:00', '周四读书会');
  await page.locator('select[name=repeat]').selectOption('weekly');
  await expect(page.locator('input[name=weekday-4]')).toBeChecked();
  await expect(page.locator('input[name=weekday-3]')).not.toBeChecked();
  await page.locator('input[name=date]').fill('2026-12-12');
  await expect(page.locator('input[name=weekday-6]')).toBeChecked();
  await expect(page.locator('input[name=weekday-4]')).not.toBeChecked();
  // Ticked by hand, the choice stays whatever date is typed next.
  await page.locator('input[name=weekday-1]').check();
  await page.locator('input[name=date]').fill('2026-12-10');
  await expect(page.locator('input[name=weekday-1]')).toBeChecked();
  await expect(page.locator('input[name=weekday-6]')).toBeChecked();
  await page.locator('input[name=count]').fill('2');
  await page.getByTestId('submit-booking').click();
  const rows = page.getByTestId('occurrence');
  await expect(rows.first()).toContainText('12月12日 周六');
});

test('a booking longer than the space allows is offered the longest allowed time at its start', async ({ page }) => {
  await demoAt(page);
  await openSpace(page, '健身房');
  await page.getByTestId('book-space').click();
  // 健身房 takes at most 120 minutes; four hours are asked for.
  await fillBooking(page, '2026-12-05', '14:00', '18:00', '乒乓球赛');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('refusal')).toContainText('每次最多预约 120 分钟。');
  await expect(page.getByTestId('refusal')).not.toContainText('附近几天没有合适的空闲时间。');
  const first = page.getByTestId('suggested-times').getByRole('button').first();
  await expect(first).toHaveText('12月5日 周六 14:00–16:00');
  await first.click();
  await expect(page.locator('input[name=start]')).toHaveValue('14:00');
  await expect(page.locator('input[name=end]')).toHaveValue('16:00');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('saved-notice')).toHaveText('预约成功，已确认。');
});
