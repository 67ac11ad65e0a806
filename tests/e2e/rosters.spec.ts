import { Page } from '@playwright/test';
import { test, expect, loadDemo } from './fixtures';

// Wednesday 2 December 2026, 09:10 in Shanghai.
const NOW = new Date('2026-12-02T09:10:00+08:00');
const TODAY = '2026-12-02';

async function startEmpty(page: Page) {
  await page.clock.setFixedTime(NOW);
  await page.goto('/');
  await page.getByTestId('start-empty').click();
  await expect(page.getByTestId('page-title')).toHaveText('今天');
}

async function addVolunteer(page: Page, name: string, phone: string, teams = '', skills = '') {
  await page.locator('[data-tab=volunteers]').click();
  await page.getByTestId('add-volunteer').click();
  await page.locator('input[name=name]').fill(name);
  await page.locator('input[name=phone]').fill(phone);
  await page.locator('input[name=teams]').fill(teams);
  await page.locator('input[name=skills]').fill(skills);
  await page.locator('input[name=consent][value=own]').check();
  await page.getByTestId('save-volunteer').click();
  await expect(page.getByTestId('page-title')).toHaveText(name);
}

async function addActivity(page: Page, title: string, kind: string, from: string, to: string) {
  await page.locator('[data-tab=rosters]').click();
  await page.getByTestId('add-activity').click();
  await page.locator('input[name=title]').fill(title);
  await page.locator('select[name=kind]').selectOption(kind);
  await page.locator('input[name=place]').fill('小区中心广场');
  await page.locator('input[name=starts_on]').fill(from);
  await page.locator('input[name=ends_on]').fill(to);
  await page.getByTestId('save-activity').click();
  await expect(page.getByTestId('page-title')).toHaveText(title);
}

async function addShift(page: Page, role: string, start: string, end: string, min: string, max: string) {
  await page.getByTestId('add-shift').click();
  await page.locator('input[name=role]').fill(role);
  await page.locator('input[name=date]').fill(TODAY);
  await page.locator('input[name=start]').fill(start);
  await page.locator('input[name=end]').fill(end);
  await page.locator('input[name=needed_min]').fill(min);
  await page.locator('input[name=needed_max]').fill(max);
  await page.getByTestId('save-shift').click();
  await expect(page.getByTestId('page-title')).toContainText(role);
}

async function assign(page: Page, name: string) {
  await page.locator('input[name=volunteer-search]').fill(name);
  await page.getByTestId('volunteer-matches').locator('li', { hasText: name }).getByTestId('assign').click();
  // The save redraws the shift; typing the next name before then would go
  // into the field being replaced.
  await expect(page.getByTestId('on-shift')).toContainText(name);
}

/** The shift's "add a volunteer" list marks `name` as unable to take it, and why. */
async function expectBusy(page: Page, name: string, reason: string) {
  await page.locator('input[name=volunteer-search]').fill(name);
  const row = page.getByTestId('volunteer-matches').locator('li', { hasText: name });
  await expect(row).toHaveAttribute('data-free', 'false');
  await expect(row.getByTestId('busy-reason')).toContainText(reason);
  await expect(row.getByTestId('assign')).toHaveCount(0);
}

test('a lead adds volunteers, builds the 美食节 roster, is refused an overlap, finds cover, and runs check-in offline', async ({ page, context }) => {
  await startEmpty(page);
  // A mistake is named next to its field, and nothing is saved.
  await page.locator('[data-tab=volunteers]').click();
  await page.getByTestId('add-volunteer').click();
  await page.locator('input[name=phone]').fill('12ab');
  await page.getByTestId('save-volunteer').click();
  await expect(page.locator('[data-field=name]')).toHaveText('请填写这一项。');
  await expect(page.locator('[data-field=phone]')).toHaveText('请输入 7 到 15 位数字（可带空格或短横线）。');
  await addVolunteer(page, '欧阳娜娜', '13900001111', '安家团', '厨艺');
  await addVolunteer(page, '司马光明', '13900002222', '安家团、青年志愿者');
  await addVolunteer(page, '诸葛亮亮', '13900003333', '青年志愿者', '急救');
  await page.locator('[data-tab=volunteers]').click();
  await expect(page.getByTestId('volunteer-count')).toHaveText('共 3 位志愿者');
  await page.locator('input[name=search]').fill('2222');
  await expect(page.getByTestId('volunteer')).toHaveCount(1);
  await expect(page.getByTestId('volunteer')).toContainText('司马光明');
  await page.locator('input[name=search]').fill('');
  await page.locator('select[name=skill]').selectOption('急救');
  await expect(page.getByTestId('volunteer')).toHaveCount(1);
  await expect(page.getByTestId('volunteer')).toContainText('诸葛亮亮');

  await addActivity(page, '美食节', 'Event', TODAY, TODAY);
  await addShift(page, '签到引导', '09:00', '11:00', '1', '2');
  await assign(page, '欧阳娜娜');
  await expect(page.getByTestId('on-shift')).toContainText('欧阳娜娜');
  await page.getByRole('link', { name: '美食节' }).click();
  await addShift(page, '秩序维护', '10:00', '12:00', '2', '2');
  // Busy at that time: marked in the list, below whoever is free.
  await expectBusy(page, '欧阳娜娜', '同一时间已在“签到引导”');
  await page.locator('input[name=volunteer-search]').fill('');
  const rows = page.getByTestId('volunteer-match');
  await expect(rows.last()).toContainText('欧阳娜娜');
  await expect(rows.first()).toHaveAttribute('data-free', 'true');
  await expect(page.getByTestId('on-shift')).not.toContainText('欧阳娜娜');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/assign-refused-zh.png', fullPage: true });
  await assign(page, '司马光明');
  await expect(page.getByTestId('on-shift')).toContainText('司马光明');

  // 欧阳娜娜 gives up 签到引导; 诸葛亮亮 is free and takes over.
  await page.getByRole('link', { name: '美食节' }).click();
  await page.getByTestId('shift').filter({ hasText: '签到引导' }).getByRole('link', { name: '签到引导' }).click();
  await page.getByTestId('find-cover').click();
  const cover = page.getByTestId('cover-list');
  await expect(cover.getByTestId('cover-option')).toHaveCount(1);
  await expect(cover).toContainText('诸葛亮亮');
  await cover.getByTestId('take-over').click();
  await expect(page.getByTestId('on-shift')).toContainText('诸葛亮亮');
  await expect(page.getByTestId('on-shift').locator('li', { hasText: '欧阳娜娜' })).toHaveCount(0);
  await assign(page, '欧阳娜娜');

  // Check-in at the event table, with the network gone.
  await page.getByRole('link', { name: '美食节' }).click();
  await page.getByTestId('open-check-in').click();
  await expect(page.getByTestId('page-title')).toHaveText('签到 · 美食节');
  await context.setOffline(true);
  const people = page.getByTestId('checkin-person');
  await expect(people).toHaveCount(3);
  await page.locator('input[name=checkin-search]').fill('3333');
  await expect(people).toHaveCount(1);
  await people.getByTestId('do-check-in').click();
  await expect(people.filter({ hasText: '诸葛亮亮' })).toHaveAttribute('data-status', 'checkedin');
  await expect(people).toHaveCount(1);
  await page.locator('input[name=checkin-search]').fill('');
  await people.filter({ hasText: '司马光明' }).getByTestId('do-check-in').click();
  await expect(people.filter({ hasText: '司马光明' })).toHaveAttribute('data-status', 'checkedin');
  await people.filter({ hasText: '欧阳娜娜' }).getByTestId('do-no-show').click();
  await expect(people.filter({ hasText: '欧阳娜娜' })).toHaveAttribute('data-status', 'noshow');
  await page.locator('input[name=walk-in-name]').fill('上官云');
  await page.locator('select[name=walk-in-shift]').selectOption({ label: '秩序维护 10:00–12:00' });
  await page.getByTestId('walk-in-add').click();
  await expect(people.filter({ hasText: '上官云' })).toHaveAttribute('data-status', 'checkedin');
  await expect(page.getByTestId('checkin-counts')).toHaveText('已到 3 人 / 应到 3 人');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/check-in-zh.png', fullPage: true });
  // Two and a half hours later 诸葛亮亮 leaves.
  await page.clock.setFixedTime(new Date('2026-12-02T11:40:00+08:00'));
  await people.filter({ hasText: '诸葛亮亮' }).getByTestId('do-check-out').click();
  await expect(people.filter({ hasText: '诸葛亮亮' })).toHaveAttribute('data-status', 'completed');
  await context.setOffline(false);

  await page.reload();
  await expect(people.filter({ hasText: '诸葛亮亮' })).toContainText('11:40 签退');
  await page.locator('[data-tab=volunteers]').click();
  await page.getByRole('link', { name: '诸葛亮亮' }).click();
  await expect(page.getByTestId('hours-this-month')).toHaveText('2.5 小时');
  await page.locator('[data-tab=volunteers]').click();
  await page.getByRole('link', { name: '欧阳娜娜' }).click();
  await expect(page.getByTestId('no-shows')).toHaveText('1');
});

test('a week of daily patrols is generated, and regenerating keeps the staffed shifts', async ({ page }) => {
  await startEmpty(page);
  await addVolunteer(page, '欧阳娜娜', '13900001111', '保安机动队');
  await addActivity(page, '夜间巡逻', 'Duty', TODAY, '2026-12-31');
  await page.getByTestId('generate-shifts').click();
  await page.locator('input[name=role]').fill('巡逻');
  await page.locator('input[name=starts]').fill('20:00, 22:00');
  await page.locator('input[name=needed_min]').fill('1');
  await page.locator('input[name=needed_max]').fill('2');
  await page.locator('input[name=stagger]').fill('30');
  await page.locator('input[name=from]').fill('2026-12-07');
  await page.locator('input[name=to]').fill('2026-12-13');
  await page.getByTestId('preview-shifts').click();
  await expect(page.getByTestId('plan-counts')).toHaveText('新增 14 个，删除 0 个，保留 0 个');
  await expect(page.getByTestId('shift-plan')).toContainText('12月8日 周二 20:30–21:30');
  await page.getByTestId('apply-plan').click();
  await expect(page.getByTestId('page-title')).toHaveText('夜间巡逻');
  await expect(page.getByTestId('shift')).toHaveCount(14);
  await expect(page.getByTestId('activity-gaps')).toContainText('14');

  // Someone takes Monday's first patrol; the patrol then moves to 19:00.
  await page.getByTestId('shift').first().getByRole('link', { name: '巡逻' }).click();
  await assign(page, '欧阳娜娜');
  await expect(page.getByTestId('on-shift')).toContainText('欧阳娜娜');
  await page.getByRole('link', { name: '夜间巡逻' }).click();
  await page.getByTestId('generate-shifts').click();
  await page.locator('input[name=role]').fill('巡逻');
  await page.locator('input[name=starts]').fill('19:00, 22:00');
  await page.locator('input[name=needed_min]').fill('1');
  await page.locator('input[name=needed_max]').fill('2');
  await page.locator('input[name=stagger]').fill('30');
  await page.locator('input[name=from]').fill('2026-12-07');
  await page.locator('input[name=to]').fill('2026-12-13');
  await page.getByTestId('preview-shifts').click();
  await expect(page.getByTestId('plan-counts')).toHaveText('新增 7 个，删除 6 个，保留 8 个');
  await page.getByTestId('apply-plan').click();
  await expect(page.getByTestId('shift')).toHaveCount(15);
  // Monday: the new 19:00, then the kept 20:00 with its volunteer.
  await expect(page.getByTestId('shift').nth(0)).toContainText('19:00–20:00');
  await expect(page.getByTestId('shift').nth(1)).toContainText('20:00–21:00');
  await expect(page.getByTestId('shift').nth(1)).toContainText('欧阳娜娜');
});

test('in English: add a volunteer, a shift, sign up as me, and check in', async ({ page }) => {
  await startEmpty(page);
  await page.getByTestId('lang-switch').click();
  await page.locator('[data-tab=volunteers]').click();
  await page.getByTestId('add-volunteer').click();
  await page.getByTestId('save-volunteer').click();
  await expect(page.locator('[data-field=name]')).toHaveText('Please fill this in.');
  await page.locator('input[name=name]').fill('Li Na');
  await page.locator('input[name=phone]').fill('13900004444');
  await page.locator('input[name=consent][value=own]').check();
  await page.getByTestId('save-volunteer').click();
  await expect(page.getByTestId('page-title')).toHaveText('Li Na');
  await page.getByTestId('this-is-me').click();
  await expect(page.getByTestId('is-me')).toHaveText('This phone belongs to Li Na.');
  await page.getByTestId('reveal-phone').click();
  await expect(page.getByTestId('phone')).toContainText('13900004444');
  await expect(page.getByTestId('call')).toHaveAttribute('href', 'tel:13900004444');

  await page.locator('[data-tab=rosters]').click();
  await page.getByTestId('add-activity').click();
  await expect(page.getByTestId('page-title')).toHaveText('New activity');
  await page.locator('input[name=title]').fill('Meal delivery');
  await page.locator('input[name=starts_on]').fill(TODAY);
  await page.locator('input[name=ends_on]').fill(TODAY);
  await page.getByTestId('save-activity').click();
  await page.getByTestId('add-shift').click();
  await page.locator('input[name=role]').fill('Delivery');
  await page.locator('input[name=start]').fill('10:30');
  await page.locator('input[name=end]').fill('12:30');
  await page.locator('input[name=needed_max]').fill('0');
  await page.getByTestId('save-shift').click();
  await expect(page.locator('[data-field=needed_max]')).toHaveText('The most must be at least 1 and not below the least.');
  await page.locator('input[name=needed_max]').fill('2');
  await page.getByTestId('save-shift').click();
  await expect(page.getByTestId('page-title')).toHaveText('Delivery · Meal delivery');
  await page.getByTestId('sign-me-up').click();
  await expect(page.getByTestId('on-shift')).toContainText('Li Na');
  await page.getByRole('link', { name: 'Meal delivery' }).click();
  await page.getByTestId('add-shift').click();
  await page.locator('input[name=role]').fill('Packing');
  await page.locator('input[name=start]').fill('11:00');
  await page.locator('input[name=end]').fill('13:00');
  await page.getByTestId('save-shift').click();
  await page.getByTestId('sign-me-up').click();
  await expect(page.getByTestId('assign-refusal')).toHaveText('Not assigned:Already on “Delivery” at Wed 2 Dec 10:30–12:30.');
  await page.getByRole('link', { name: 'Meal delivery' }).click();
  await page.getByTestId('shift').filter({ hasText: 'Delivery' }).getByRole('link', { name: 'Delivery' }).click();
  await page.getByTestId('find-cover').click();
  await expect(page.getByTestId('cover-list')).toContainText('Nobody is free for this shift.');
  await page.locator('[data-tab=today]').click();
  await expect(page.getByTestId('my-shifts')).toContainText('Delivery');
  await expect(page.getByTestId('my-shifts')).toContainText('Wed 2 Dec');

  await page.locator('[data-tab=rosters]').click();
  await page.getByRole('link', { name: 'Meal delivery' }).click();
  await page.getByTestId('open-check-in').click();
  await expect(page.getByTestId('page-title')).toHaveText('Check-in · Meal delivery');
  await page.getByTestId('do-check-in').click();
  await expect(page.getByTestId('checkin-counts')).toHaveText('1 here of 1 expected');
  // A tap by mistake is taken back, in English too.
  await page.getByTestId('do-undo').click();
  await expect(page.getByTestId('checkin-counts')).toHaveText('0 here of 1 expected');
  await page.getByTestId('do-check-in').click();
  await expect(page.getByTestId('do-undo')).toHaveText('Undo check-in');
  await expect(page.getByTestId('checkin-counts')).toHaveText('1 here of 1 expected');
  await expect(page.getByTestId('checkin-person')).toContainText('In 09:10');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/check-in-en.png', fullPage: true });
});

test('a fairness limit set on the Data tab refuses a third shift in a row', async ({ page }) => {
  await startEmpty(page);
  await addVolunteer(page, '欧阳娜娜', '13900001111', '保安机动队');
  await page.locator('[data-tab=data]').click();
  await page.locator('input[name=limit-row]').fill('0');
  await page.getByTestId('save-settings').click();
  await expect(page.locator('[data-field=limit-row]')).toHaveText('请输入大于 0 的整数（每天最多 1440 分钟），或留空。');
  await page.locator('input[name=limit-row]').fill('2');
  await page.getByTestId('save-settings').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();

  await addActivity(page, '消防通道巡查', 'Duty', TODAY, TODAY);
  for (const [start, end] of [['13:00', '14:00'], ['14:00', '15:00'], ['15:00', '16:00']]) {
    await addShift(page, '巡查', start, end, '1', '1');
    if (start !== '15:00') {
      await assign(page, '欧阳娜娜');
      await expect(page.getByTestId('on-shift')).toContainText('欧阳娜娜');
      await page.getByRole('link', { name: '消防通道巡查' }).click();
    }
  }
  await expectBusy(page, '欧阳娜娜', '将连续超过 2 个班次。');
  await page.reload();
  await expect(page.getByTestId('on-shift')).not.toContainText('欧阳娜娜');
  await page.locator('[data-tab=rosters]').click();
  await expect(page.getByTestId('week-gaps')).toHaveText('未来 7 天：1 个班次缺 1 人');
});

test('an activity in a booked space links to its booking', async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  await page.locator('[data-tab=rosters]').click();
  await page.getByRole('link', { name: '美食节' }).click();
  const link = page.getByTestId('activity-booking');
  await expect(link).toContainText('美食节');
  await page.getByTestId('edit-activity').click();
  await expect(page.locator('select[name=space]')).toHaveValue(/[0-9a-f-]{36}/);
  await expect(page.locator('select[name=booking]')).toHaveValue(/[0-9a-f-]{36}/);
  await page.locator('select[name=booking]').selectOption('');
  await page.getByTestId('save-activity').click();
  await expect(page.getByTestId('page-title')).toHaveText('美食节');
  await expect(page.getByTestId('activity-booking')).toHaveCount(0);
  await page.getByTestId('edit-activity').click();
  await page.locator('select[name=booking]').selectOption({ index: 1 });
  await page.getByTestId('save-activity').click();
  await page.getByTestId('activity-booking').click();
  await expect(page.getByTestId('booking-status')).toBeVisible();
});

test('at the check-in table a mistaken tap is taken back, and a staffed shift is not deleted', async ({ page }) => {
  await startEmpty(page);
  await addVolunteer(page, '欧阳娜娜', '13900001111');
  await addVolunteer(page, '司马光明', '13900002222');
  await addActivity(page, '美食节', 'Event', TODAY, TODAY);
  await addShift(page, '签到引导', '09:00', '11:00', '1', '2');
  await assign(page, '欧阳娜娜');
  await assign(page, '司马光明');
  await expect(page.getByTestId('on-shift-person')).toHaveCount(2);

  // Deleting a shift with people on it is refused, saying why.
  await page.getByTestId('edit-shift').click();
  await page.getByTestId('delete-shift').click();
  await expect(page.getByTestId('delete-refused')).toHaveText('这个班次已经有人，不能删除。请先把人撤下或找人替班。');
  await page.getByRole('link', { name: '返回' }).click();

  await page.locator('[data-tab=rosters]').click();
  await page.getByRole('link', { name: '美食节' }).click();
  await page.getByTestId('open-check-in').click();
  const people = page.getByTestId('checkin-person');
  const na = people.filter({ hasText: '欧阳娜娜' });
  const ming = people.filter({ hasText: '司马光明' });
  // The wrong person checked in, then put right.
  await ming.getByTestId('do-check-in').click();
  await expect(ming).toHaveAttribute('data-status', 'checkedin');
  await ming.getByTestId('do-undo').click();
  await expect(ming).toHaveAttribute('data-status', 'signedup');
  await expect(ming.getByTestId('do-check-in')).toBeVisible();
  // A no-show marked too early, then taken back.
  await na.getByTestId('do-no-show').click();
  await expect(na).toHaveAttribute('data-status', 'noshow');
  await expect(na.getByTestId('do-undo')).toHaveText('撤销缺席');
  await na.getByTestId('do-undo').click();
  await expect(na).toHaveAttribute('data-status', 'signedup');
  await na.getByTestId('do-check-in').click();
  await na.getByTestId('do-check-out').click();
  await expect(na).toHaveAttribute('data-status', 'completed');
  await na.getByTestId('do-undo').click();
  await expect(na).toHaveAttribute('data-status', 'checkedin');
  await expect(page.getByTestId('checkin-counts')).toHaveText('已到 1 人 / 应到 2 人');
  await page.reload();
  await expect(na).toHaveAttribute('data-status', 'checkedin');
  await expect(ming).toHaveAttribute('data-status', 'signedup');
});

test('hours never break inside their unit, and the cover button fits anyone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await loadDemo(page);
  await page.locator('[data-tab=volunteers]').click();
  await page.getByTestId('volunteer').first().getByRole('link').click();
  for (const id of ['hours-this-month', 'hours-this-year']) {
    // "2.0 小时" may wrap between number and unit, never inside 小时.
    const unitLines = await page.getByTestId(id).evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node.textContent ?? '').indexOf('小时');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 2);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      }
      return 0;
    });
    expect(unitLines, `${id}: 小时 on one line`).toBe(1);
  }
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/volunteer-360-zh.png', fullPage: true });
  await page.goto('/rosters');
  await page.getByRole('link', { name: '非机动车巡逻' }).click();
  await page.getByTestId('shift').first().getByRole('link').first().click();
  await page.getByTestId('find-cover').first().click();
  await expect(page.getByTestId('cover-list')).not.toContainText('由他');
  const takeOver = page.getByTestId('take-over');
  if (await takeOver.count()) await expect(takeOver.first()).toHaveText('请这位替班');
});
