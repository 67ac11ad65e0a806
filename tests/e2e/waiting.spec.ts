import { Page } from '@playwright/test';
import { test, expect, NOW } from './fixtures';

// 候补 and 我能报名的班次, from an empty phone on Wednesday 2 December 2026,
// 09:10 in Shanghai (the fixtures' clock): every shift here is tonight.
const TODAY = '2026-12-02';

async function startEmpty(page: Page) {
  await page.goto('/');
  await page.getByTestId('start-empty').click();
  await expect(page.getByTestId('page-title')).toHaveText('今天');
}

async function addVolunteer(page: Page, name: string, phone: string, skills = '') {
  await page.locator('[data-tab=volunteers]').click();
  await page.getByTestId('add-volunteer').click();
  await page.locator('input[name=name]').fill(name);
  await page.locator('input[name=phone]').fill(phone);
  await page.locator('input[name=skills]').fill(skills);
  await page.locator('input[name=consent][value=own]').check();
  await page.getByTestId('save-volunteer').click();
  await expect(page.getByTestId('page-title')).toHaveText(name);
}

async function addShift(page: Page, activity: string, role: string, start: string, end: string, max: string, skill = '') {
  await page.locator('[data-tab=rosters]').click();
  await page.getByRole('link', { name: activity }).click();
  await page.getByTestId('add-shift').click();
  await page.locator('input[name=role]').fill(role);
  await page.locator('input[name=date]').fill(TODAY);
  await page.locator('input[name=start]').fill(start);
  await page.locator('input[name=end]').fill(end);
  await page.locator('input[name=needed_min]').fill('1');
  await page.locator('input[name=needed_max]').fill(max);
  await page.locator('input[name=skill]').fill(skill);
  await page.getByTestId('save-shift').click();
  await expect(page.getByTestId('page-title')).toContainText(role);
}

async function openShift(page: Page, activity: string, role: string) {
  await page.locator('[data-tab=rosters]').click();
  await page.getByRole('link', { name: activity }).click();
  await page.getByTestId('shift').filter({ hasText: role }).locator('a.item-title').click();
  await expect(page.getByTestId('page-title')).toContainText(role);
}

async function assign(page: Page, name: string) {
  await page.locator('input[name=volunteer-search]').fill(name);
  await page.getByTestId('volunteer-matches').locator('li', { hasText: name }).getByTestId('assign').click();
  await expect(page.getByTestId('on-shift')).toContainText(name);
}

async function beMe(page: Page, name: string) {
  await page.locator('[data-tab=volunteers]').click();
  await page.getByRole('link', { name }).click();
  await page.getByTestId('this-is-me').click();
  await expect(page.getByTestId('is-me')).toBeVisible();
}

/** An empty phone with 甲 on the one place of tonight's 巡逻 19:00–21:00,
 *  丙 on 值班 19:30–20:30 (so 丙 cannot also patrol), and 乙 free. */
async function fullPatrol(page: Page) {
  await startEmpty(page);
  await addVolunteer(page, '甲', '13900000001');
  await addVolunteer(page, '乙', '13900000002', '急救');
  await addVolunteer(page, '丙', '13900000003');
  await page.locator('[data-tab=rosters]').click();
  await page.getByTestId('add-activity').click();
  await page.locator('input[name=title]').fill('夜间巡逻');
  await page.locator('select[name=kind]').selectOption('Duty');
  await page.locator('input[name=place]').fill('小区大门');
  await page.locator('input[name=starts_on]').fill(TODAY);
  await page.locator('input[name=ends_on]').fill(TODAY);
  await page.getByTestId('save-activity').click();
  await expect(page.getByTestId('page-title')).toHaveText('夜间巡逻');
  await addShift(page, '夜间巡逻', '巡逻', '19:00', '21:00', '1');
  await assign(page, '甲');
  await addShift(page, '夜间巡逻', '值班', '19:30', '20:30', '3');
  await assign(page, '丙');
}

test('a full shift takes a waiting list; a withdrawal moves in the first who may take it, and both the lead and the volunteer see it', async ({ page }) => {
  await fullPatrol(page);

  // 丙 joins first, then 乙; each sees their place in the queue.
  await beMe(page, '丙');
  await openShift(page, '夜间巡逻', '巡逻');
  await expect(page.getByTestId('sign-me-up')).toHaveCount(0);
  await page.getByTestId('join-waiting-list').click();
  await expect(page.getByTestId('my-waiting-place')).toHaveText('你在候补名单第 1 位。');
  // A minute later (the page clock is fixed; the queue is the time joined).
  await page.clock.setFixedTime(new Date(NOW.getTime() + 60_000));
  await beMe(page, '乙');
  await openShift(page, '夜间巡逻', '巡逻');
  await page.getByTestId('join-waiting-list').click();
  await expect(page.getByTestId('my-waiting-place')).toHaveText('你在候补名单第 2 位。');
  await expect(page.getByTestId('waiting-person')).toHaveText(['丙', '乙']);
  // Waiting holds no place: the shift is still one of one.
  await expect(page.getByTestId('on-shift-person')).toHaveCount(1);

  // The lead takes 甲 off: 丙 is on 值班 at that time, so 乙 moves in.
  await page.getByTestId('on-shift-person').filter({ hasText: '甲' }).getByTestId('take-off').click();
  await expect(page.getByTestId('moved-in')).toHaveText('已从候补名单补上：乙');
  await expect(page.getByTestId('on-shift-person')).toHaveCount(1);
  await expect(page.getByTestId('on-shift-person')).toContainText('乙');
  await expect(page.getByTestId('came-from-list')).toBeVisible();
  await expect(page.getByTestId('waiting-person')).toHaveText(['丙']);
  await expect(page.getByTestId('my-waiting-place')).toHaveCount(0);

  // 乙 (this phone) sees it on Today, after a reload too.
  await page.reload();
  await page.locator('[data-tab=today]').click();
  const mine = page.getByTestId('my-shifts').locator('li', { hasText: '夜间巡逻' });
  await expect(mine.getByTestId('my-moved-in')).toHaveText('候补成功：你已补上这个班次');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/waiting-today-zh.png', fullPage: true });

  // Leaving the list is one tap; 丙 is off it.
  await beMe(page, '丙');
  await openShift(page, '夜间巡逻', '巡逻');
  await page.getByTestId('leave-waiting-list').click();
  await expect(page.getByTestId('waiting-list')).toHaveCount(0);
  await expect(page.getByTestId('join-waiting-list')).toBeVisible();
});

test('shifts I can take leave out a clash, a missing skill and a full shift; one tap signs me up', async ({ page }) => {
  await fullPatrol(page);
  await addShift(page, '夜间巡逻', '急救岗', '18:00', '19:00', '2', '急救');
  await addShift(page, '夜间巡逻', '门岗', '17:00', '18:00', '2');
  await addShift(page, '夜间巡逻', '晚班', '21:00', '22:00', '2');
  await addShift(page, '夜间巡逻', '早班', '12:00', '13:00', '2');
  await addShift(page, '夜间巡逻', '午班', '14:00', '15:00', '2');

  // 丙 is on 值班 19:30–20:30 and has no 急救: not 巡逻 (full, and a
  // clash), not 值班 (theirs), not 急救岗 (the skill).
  await beMe(page, '丙');
  await page.locator('[data-tab=today]').click();
  const roles = page.getByTestId('open-shift').locator('.item-sub');
  await expect(roles).toHaveText(['早班', '午班', '门岗']);
  await expect(page.getByTestId('open-shifts').locator('a.item-title').first()).toHaveText('夜间巡逻');
  await expect(page.getByTestId('all-open-shifts')).toHaveText('全部 4 个');

  // The whole list, soonest first.
  await page.getByTestId('all-open-shifts').click();
  await expect(page.getByTestId('page-title')).toHaveText('我能报名的班次');
  await expect(roles).toHaveText(['早班', '午班', '门岗', '晚班']);

  // One tap: signed up through the guards, off the list, on my shifts.
  await page.getByTestId('open-shift').filter({ hasText: '门岗' }).getByTestId('take-open-shift').click();
  await expect(page.getByTestId('open-shift-signed-up')).toHaveText('已报名：夜间巡逻');
  await expect(roles).toHaveText(['早班', '午班', '晚班']);
  await page.locator('[data-tab=today]').click();
  await expect(page.getByTestId('my-shifts')).toContainText('门岗');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/open-shifts-zh.png', fullPage: true });

  // 乙 has the skill and no shift: 急救岗 is theirs to take, 巡逻 is not (full).
  await beMe(page, '乙');
  await page.goto('/open-shifts');
  await expect(roles).toHaveText(['早班', '午班', '门岗', '急救岗', '值班', '晚班']);

  // On Today too: the notice stays after Today draws itself again with
  // the new shift among mine.
  await page.locator('[data-tab=today]').click();
  await expect(roles.first()).toHaveText('早班');
  await page.getByTestId('open-shift').first().getByTestId('take-open-shift').click();
  await expect(page.getByTestId('my-shifts')).toContainText('早班');
  await expect(roles.first()).toHaveText('午班');
  await expect(page.getByTestId('open-shift-signed-up')).toHaveText('已报名：夜间巡逻');
  await page.waitForTimeout(500);
  await expect(page.getByTestId('open-shift-signed-up')).toHaveText('已报名：夜间巡逻');
});
