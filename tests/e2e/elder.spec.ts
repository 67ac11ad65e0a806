import { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, loadDemo, expectNoSideways, TABS } from './fixtures';

// 长辈模式: what MIIT's age-friendly rules ask of text, targets and
// contrast, on every tab, at the narrowest and widest phones, in both
// languages.

/** What a screen in elder mode breaks, as readable lines (empty: nothing). */
async function elderProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('.sr-only, .visually-hidden, [aria-hidden=true]');
    };
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 24)}"`;
    // The tab bar too: its labels are text like any other.
    for (const el of document.querySelectorAll('main *, .app-bar *, .tab-bar *')) {
      if (!visible(el) || el.closest('svg')) continue;
      const s = getComputedStyle(el);
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      const size = parseFloat(s.fontSize);
      if (ownText && size < 19.9) out.push(`text ${size}px: ${name(el)}`);
      if (ownText && ['P', 'LI'].includes(el.tagName)) {
        const lh = parseFloat(s.lineHeight);
        if (!(lh >= 1.5 * size - 0.1)) out.push(`line height ${s.lineHeight} at ${size}px: ${name(el)}`);
      }
      // Text cut off by its box: a clipped box narrower than its content.
      if (['hidden', 'clip'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1 && ownText) {
        out.push(`clipped: ${name(el)}`);
      }
    }
    for (const h of document.querySelectorAll('main h1, main h2')) {
      if (visible(h) && parseFloat(getComputedStyle(h).fontSize) <= 20) out.push(`heading not larger than text: ${name(h)}`);
    }
    // Targets: every control a finger presses, links in a sentence too.
    const targets = 'main button, main a, main input:not([type=checkbox]):not([type=radio]), main select, main summary, main .check, .app-bar button, .tab-bar a';
    for (const el of document.querySelectorAll(targets)) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.height < 55.5) out.push(`target ${Math.round(r.height)}px high: ${name(el)}`);
    }
    // Fields show their whole value: text by its scroll width; a date or a
    // time as this browser writes it ("12/02/2026", "10:00 AM"), beside its
    // picker button, within the field's content box.
    const canvas = document.createElement('canvas').getContext('2d')!;
    for (const el of document.querySelectorAll<HTMLInputElement>('main input')) {
      if (!visible(el) || !el.value) continue;
      const s = getComputedStyle(el);
      const inner = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
      let shown: string | null = null;
      if (el.type === 'time') {
        const [h, m] = el.value.split(':').map(Number);
        shown = new Date(2026, 0, 1, h, m).toLocaleTimeString(navigator.language, { hour: '2-digit', minute: '2-digit' });
      } else if (el.type === 'date') {
        const [y, mo, d] = el.value.split('-').map(Number);
        shown = new Date(y, mo - 1, d).toLocaleDateString(navigator.language, { year: 'numeric', month: '2-digit', day: '2-digit' });
      }
      if (shown !== null) {
        canvas.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
        const needs = canvas.measureText(shown).width + 24;
        if (inner < needs) out.push(`field ${Math.round(inner)}px for “${shown}” (${Math.round(needs)}px): ${el.name}`);
      } else if (el.scrollWidth > el.clientWidth + 1) {
        out.push(`field cut off (${el.scrollWidth}px of ${el.clientWidth}px): ${el.name} “${el.value}”`);
      }
    }
    return out;
  });
}

async function axeProblems(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag2aaa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

test('elder mode is one tap in the top bar, stays on this phone, and makes Today my next booking, my next shift, today’s activities and one button', async ({ page }) => {
  await loadDemo(page);
  // "Me": someone on a 美食节 shift, so my next shift is there to show.
  await page.locator('[data-tab=rosters]').click();
  await page.getByRole('link', { name: '美食节' }).click();
  await page.locator('main a.person').filter({ hasText: /已报名|已确认/ }).first().click();
  await page.getByTestId('this-is-me').click();
  await expect(page.getByTestId('is-me')).toBeVisible();

  // What the usual Today says, to compare with the simple one.
  await page.locator('[data-tab=today]').click();
  await expect(page.getByTestId('my-shifts')).toBeVisible();
  const firstShift = ((await page.getByTestId('my-shifts').locator('a.item-title').first().textContent()) ?? '').trim();
  const myBookings = page.getByTestId('my-bookings');
  const firstBooking = (await myBookings.count()) ? ((await myBookings.locator('a.item-title').first().textContent()) ?? '').trim() : null;
  const todays = [...new Set((await page.getByTestId('today-shifts').locator('a.item-title').allTextContents()).map((t) => t.trim()))];
  expect(todays.length).toBeGreaterThan(0);
  await expect(page.locator('.stats')).toBeVisible();

  const on = page.getByTestId('elder-switch');
  await expect(on).toHaveAttribute('aria-pressed', 'false');
  await on.click();
  await expect(on).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveClass(/\belder\b/);

  await expect(page.locator('.stats')).toHaveCount(0);
  await expect(page.getByTestId('find-space')).toHaveCount(0);
  await expect(page.getByTestId('upcoming')).toHaveCount(0);
  await expect(page.getByTestId('my-next-shift').locator('a.item-title')).toHaveText(firstShift);
  await expect(page.getByTestId('my-next-shift').locator('li')).toHaveCount(1);
  if (firstBooking) {
    await expect(page.getByTestId('my-bookings').locator('a.item-title')).toHaveText([firstBooking]);
  } else {
    await expect(page.getByTestId('my-bookings-empty')).toBeVisible();
  }
  await expect(page.getByTestId('today-activities').locator('a.item-title')).toHaveText(todays);
  expect(await elderProblems(page)).toEqual([]);
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/elder-today-zh.png', fullPage: true });

  // The one button books a space.
  await page.getByTestId('elder-book').click();
  await expect(page).toHaveURL(/\/find$/);

  // Remembered on this phone, across a reload; off again in one tap.
  await page.reload();
  await expect(page.getByTestId('elder-switch')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveClass(/\belder\b/);
  await page.locator('[data-tab=today]').click();
  await expect(page.getByTestId('elder-book')).toBeVisible();
  await page.getByTestId('elder-switch').click();
  await expect(page.locator('.stats')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('elder-switch')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('html')).not.toHaveClass(/\belder\b/);
});

for (const width of [360, 430]) {
  test(`every tab in elder mode at ${width} px, Chinese and English: 20 px text, 56 px targets, AAA contrast, nothing sideways or cut off`, async ({ page }) => {
    await page.setViewportSize({ width, height: 844 });
    await loadDemo(page);
    await page.getByTestId('elder-switch').click();
    const found: string[] = [];
    for (const lang of ['zh', 'en'] as const) {
      if (lang === 'en') await page.getByTestId('lang-switch').click();
      // Four tabs with full-size labels; volunteers and data are on "more".
      await expect(page.locator('.tab-bar a:visible')).toHaveCount(4);
      const screens: [string, () => Promise<void>][] = TABS.map((tab) => [tab.id, async () => {
        if (['volunteers', 'data'].includes(tab.id)) {
          await page.locator('[data-tab=more]').click();
          await expect(page.getByTestId('page-title')).toHaveText(lang === 'zh' ? '更多' : 'More');
          await page.getByTestId(`more-${tab.id}`).click();
          // "More" stays the tab marked where it led.
          await expect(page.locator('[data-tab=more]')).toHaveAttribute('aria-current', 'page');
        } else {
          await page.locator(`[data-tab=${tab.id}]`).click();
        }
        await expect(page.getByTestId('page-title')).toHaveText(tab[lang]);
      }]);
      screens.push(['more', async () => {
        await page.locator('[data-tab=more]').click();
        await expect(page.getByTestId('more-list').locator('a')).toHaveCount(5);
      }]);
      screens.push(['space', async () => {
        await page.locator('[data-tab=spaces]').click();
        await page.locator('main .card-title a').first().click();
        await expect(page.getByTestId('book-space')).toBeVisible();
      }]);
      screens.push(['booking-form', async () => {
        await page.getByTestId('book-space').click();
        await expect(page.getByTestId('submit-booking')).toBeVisible();
        // An 11-digit mobile number and the times, as a resident types them.
        await page.locator('main input[name=phone]').fill('13912345678');
        await page.locator('main input[name=start]').fill('10:00');
        await page.locator('main input[name=end]').fill('11:30');
      }]);
      screens.push(['roster', async () => {
        await page.locator('[data-tab=rosters]').click();
        await page.getByRole('link', { name: '美食节' }).click();
        await expect(page.getByTestId('shift').first()).toBeVisible();
      }]);
      screens.push(['shift', async () => {
        await page.getByTestId('shift').first().locator('a').first().click();
        await expect(page.getByRole('link', { name: '美食节' }).first()).toBeVisible();
      }]);
      screens.push(['report', async () => {
        await page.goto('/report');
        await expect(page.getByTestId('report-trend-chart')).toBeVisible();
      }]);
      for (const [where, open] of screens) {
        await open();
        await expect(page.locator('.loading')).toHaveCount(0);
        await expectNoSideways(page);
        found.push(...(await elderProblems(page)).map((p) => `${lang} ${where}: ${p}`));
        found.push(...(await axeProblems(page, `${lang} ${where}`)));
        await page.screenshot({ path: `tests/e2e/artifacts/screens/elder-${where}-${lang}-${width}.png` });
      }
    }
    expect(found).toEqual([]);
  });
}

test('in elder mode at 360 px a phone set to a 24-hour clock (zh-CN) shows every field of the booking form whole too', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date('2026-12-02T09:10:00+08:00'));
  await loadDemo(page);
  await page.getByTestId('elder-switch').click();
  await page.locator('[data-tab=spaces]').click();
  await page.locator('main .card-title a').first().click();
  await page.getByTestId('book-space').click();
  await page.locator('main input[name=phone]').fill('13912345678');
  await page.locator('main input[name=start]').fill('10:00');
  await page.locator('main input[name=end]').fill('23:30');
  expect(await page.evaluate(() => navigator.language)).toBe('zh-CN');
  expect((await elderProblems(page)).filter((p) => p.startsWith('field'))).toEqual([]);
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/elder-booking-form-24h-360.png', fullPage: true });
  await context.close();
});
