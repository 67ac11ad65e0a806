import { Page } from '@playwright/test';
import { test, expect, loadDemo, NOW } from './fixtures';

// 候补这个时段: a taken slot of a space takes a waiting list, and the first
// in line who still fits the rules moves in when the slot comes free. The
// page clock is the fixtures' (Wednesday 2 December 2026, 09:10 Shanghai)
// and moves a minute between joins: the queue is the time joined.
const TOMORROW = '2026-12-03';

async function openSpace(page: Page, name: string) {
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name }).click();
  await expect(page.getByTestId('page-title')).toHaveText(name);
}

async function beFirstVolunteer(page: Page): Promise<string> {
  await page.locator('[data-tab=volunteers]').click();
  await page.locator('main a.item-title').first().click();
  const name = (await page.getByTestId('page-title').textContent()) ?? '';
  await page.getByTestId('this-is-me').click();
  await expect(page.getByTestId('is-me')).toBeVisible();
  return name;
}

async function aMinuteLater(page: Page, minutes: number) {
  await page.clock.setFixedTime(new Date(NOW.getTime() + minutes * 60_000));
}

test('a taken slot takes a waiting list; cancelling the booking moves in the first who joined, in the same tap', async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  const me = await beFirstVolunteer(page);

  // 青年自习小组 holds 自习室 09:00–12:00 every day: refused, and offered the wait.
  await openSpace(page, '自习室');
  await page.getByTestId('book-space').click();
  await page.locator('input[name=date]').fill(TOMORROW);
  await page.locator('input[name=start]').fill('09:00');
  await page.locator('input[name=end]').fill('10:00');
  await page.locator('input[name=title]').fill('读书会');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('refusal')).toContainText('青年自习小组');
  await expect(page.getByTestId('slot-waiting-offer')).toBeVisible();
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/slot-waiting-offer-zh.png', fullPage: true });
  await page.getByTestId('join-slot-waiting-list').click();
  await expect(page.getByTestId('saved-notice')).toHaveText('已加入候补。时段空出时会按加入先后自动转入。');
  await expect(page.getByTestId('booking-status')).toHaveText('候补中');
  await expect(page.getByTestId('slot-queue-place')).toHaveText('你在这个时段的候补第 1 位。');
  const mine = page.url().split('?')[0];

  // A minute later someone else waits for the same morning from the day view.
  await aMinuteLater(page, 1);
  await openSpace(page, '自习室');
  await page.locator('input[name=day]').fill(TOMORROW);
  await page.locator('input[name=day]').dispatchEvent('change');
  await expect(page.getByTestId('slot-wait').first()).toBeVisible();
  await page.getByTestId('slot-wait').first().click();
  await expect(page.getByTestId('slot-taken-hint')).toBeVisible();
  await expect(page.getByTestId('submit-booking')).toHaveText('候补这个时段');
  await page.locator('input[name=title]').fill('书法练习');
  await page.locator('input[name=organiser]').fill('李强');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('slot-queue-place')).toHaveText('你在这个时段的候补第 2 位。');
  const second = page.url().split('?')[0];

  // Waiting holds no time: the day view still shows the series there, and
  // its booking shows who waits, first first.
  await openSpace(page, '自习室');
  await page.locator('input[name=day]').fill(TOMORROW);
  await page.locator('input[name=day]').dispatchEvent('change');
  await page.locator('[data-slot=taken]', { hasText: '青年自习小组' }).first().click();
  await expect(page.getByTestId('page-title')).toHaveText('青年自习小组');
  await expect(page.getByTestId('slot-waiting-person')).toHaveText([me, '李强']);
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/slot-waiting-list-zh.png', fullPage: true });

  // The keeper cancels this one occurrence: the first in line moves in.
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('booking-status')).toHaveText('已取消');
  await expect(page.getByTestId('moved-in-after')).toHaveText(`由候补转入这个时段：${me}`);

  // 读书会 is now a confirmed booking (自习室 needs no approval) that says
  // where it came from; 李强 waits on, now first.
  await page.goto(mine);
  await expect(page.getByTestId('booking-status')).toHaveText('已确认');
  await expect(page.getByTestId('booking-came-from-list')).toBeVisible();
  await page.goto(second);
  await expect(page.getByTestId('booking-status')).toHaveText('候补中');
  await expect(page.getByTestId('slot-queue-place')).toHaveText('你在这个时段的候补第 1 位。');

  // On my bookings, after a reload too.
  await page.reload();
  await page.goto('/my-bookings');
  const item = page.getByTestId('my-bookings').locator('li', { hasText: '读书会' });
  await expect(item.getByTestId('booking-moved-in')).toHaveText('由候补转入');

  // Leaving the list is one tap.
  await page.goto(second);
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('saved-notice')).toHaveText('已退出候补。');
  await expect(page.getByTestId('booking-status')).toHaveText('已取消');
});

test('in English: a declined request goes to the first waiting who still fits, as a request the keeper approves', async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('page-title')).toHaveText('Today');
  await page.locator('[data-tab=spaces]').click();
  await page.getByTestId('add-space').click();
  await page.locator('input[name=name]').fill('Tea room');
  await page.locator('input[name=capacity]').fill('12');
  await page.locator('input[name=hours-4]').fill('09:00-12:00');
  await page.locator('input[name=approval]').check();
  await page.getByTestId('save-space').click();
  await expect(page.getByTestId('page-title')).toHaveText('Tea room');

  const book = async (title: string, organiser: string, people: string) => {
    await page.getByTestId('book-space').click();
    await page.locator('input[name=date]').fill(TOMORROW);
    await page.locator('input[name=start]').fill('10:00');
    await page.locator('input[name=end]').fill('11:00');
    await page.locator('input[name=title]').fill(title);
    await page.locator('input[name=organiser]').fill(organiser);
    await page.locator('input[name=attendees]').fill(people);
    await page.getByTestId('submit-booking').click();
  };
  await book('Calligraphy class', 'Wang Fang', '8');
  await expect(page.getByTestId('booking-status')).toHaveText('Awaiting approval');
  const held = page.url().split('?')[0];

  // Too many people: more than the room holds is refused outright, no wait offered.
  await page.getByRole('link', { name: 'Tea room' }).click();
  await book('Choir', 'Li Qiang', '20');
  await expect(page.getByTestId('refusal')).toContainText('12');
  await expect(page.getByTestId('slot-waiting-offer')).toHaveCount(0);
  // Only the time is taken: the wait is offered and joined.
  await page.locator('input[name=attendees]').fill('10');
  await page.getByTestId('submit-booking').click();
  await expect(page.getByTestId('slot-waiting-offer')).toContainText('Only the time is taken');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/slot-waiting-offer-en.png', fullPage: true });
  await page.getByTestId('join-slot-waiting-list').click();
  await expect(page.getByTestId('booking-status')).toHaveText('Waiting list');
  await expect(page.getByTestId('slot-queue-place')).toHaveText('You are number 1 waiting for this time.');
  const waiting = page.url().split('?')[0];

  // The keeper declines the first request: the choir becomes a request.
  await page.goto(held);
  await expect(page.getByTestId('slot-waiting-person')).toHaveText(['Li Qiang']);
  await page.getByTestId('decline').click();
  await expect(page.getByTestId('booking-status')).toHaveText('Declined');
  await expect(page.getByTestId('moved-in-after')).toHaveText('Moved in from the waiting list: Li Qiang');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/slot-waiting-moved-en.png', fullPage: true });
  await page.goto(waiting);
  await expect(page.getByTestId('booking-status')).toHaveText('Awaiting approval');
  await expect(page.getByTestId('booking-came-from-list')).toHaveText('from the waiting list');
  await page.getByTestId('approve').click();
  await expect(page.getByTestId('booking-status')).toHaveText('Confirmed');
});
