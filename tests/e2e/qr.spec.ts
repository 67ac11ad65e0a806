import { Browser, Page } from '@playwright/test';
import { join } from 'node:path';
import { test, expect, loadDemo, NOW } from './fixtures';

// Phone to phone by animated QR code, with the network off: two phones
// (browser contexts); the receiver's camera is a canvas the test paints
// with what the sender's screen shows, frame after frame, as a camera at
// arm's length would see it. Frames the test does not catch in time are
// the ones a real camera misses.

/** The receiving phone's camera: a canvas the test paints, streamed
 *  (`__camShow`); shared with the benchmark. */
const FAKE_CAMERA = { path: join(__dirname, 'fake-camera.js') };

const REFUSED_CAMERA = () => {
  const devices = navigator.mediaDevices ?? ((navigator as any).mediaDevices = {});
  devices.getUserMedia = async () => {
    throw new DOMException('Permission denied', 'NotAllowedError');
  };
};

async function phone(browser: Browser, camera: (() => void) | { path: string }, lang?: 'en'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.clock.setFixedTime(NOW);
  await context.addInitScript(camera);
  await page.goto('/');
  await page.getByTestId('start-empty').click();
  if (lang === 'en') await page.getByTestId('lang-switch').click();
  return page;
}

/** Shows the receiver's camera what the sender's screen shows, until the
 *  receiver leaves the scanning screen; frames copied, and seconds. With
 *  `midway`, the receiving screen is photographed there once, part-way. */
async function carry(sender: Page, receiver: Page, midway?: { shot: string; says: RegExp }): Promise<{ frames: number; seconds: number }> {
  const started = Date.now();
  let frames = 0;
  let last = '';
  let shot = false;
  while (receiver.url().includes('/qr/receive')) {
    if (Date.now() - started > 60_000) throw new Error('the transfer did not finish in a minute');
    const url = await sender.getByTestId('qr-canvas').evaluate((c: HTMLCanvasElement) => c.toDataURL('image/png'));
    if (url !== last) {
      last = url;
      frames += 1;
      await receiver.evaluate((u) => (window as any).__camShow(u), url).catch(() => undefined);
    }
    if (midway && !shot) {
      const said = await receiver.getByTestId('qr-received').textContent({ timeout: 200 }).catch(() => null);
      const percent = Number(said?.match(/\d+/)?.[0] ?? 0);
      if (said && percent > 0 && percent < 100) {
        shot = true;
        expect(said).toMatch(midway.says);
        await receiver.screenshot({ path: midway.shot, fullPage: true });
      }
    }
    await receiver.waitForTimeout(60);
  }
  if (midway) expect(shot, 'the receiving screen was seen part-way').toBe(true);
  return { frames, seconds: (Date.now() - started) / 1000 };
}

test('a roster moves from one phone to another through the camera, with no network, into the import preview', async ({ page, browser }) => {
  // The sending phone: the demo's 美食节 roster with its volunteers.
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  await page.locator('[data-tab=rosters]').click();
  await page.getByRole('link', { name: '美食节' }).click();
  await page.getByTestId('roster-more').locator('summary').click();
  await page.getByTestId('export-roster-qr').click();
  await expect(page.getByTestId('page-title')).toHaveText('用二维码发送');
  await expect(page.getByTestId('qr-sending')).toHaveText(/^美食节，\d+ 条记录$/);
  await expect(page.getByTestId('qr-canvas')).not.toHaveAttribute('data-frame', '0');
  // The code keeps its size: each frame is drawn at the same scale.
  const side = () => page.getByTestId('qr-canvas').evaluate((c: HTMLCanvasElement) => c.width);
  const firstSide = await side();
  expect(firstSide).toBeGreaterThan(600);
  // From here on neither phone has a network.
  await page.context().setOffline(true);
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/qr-send-zh.png', fullPage: true });
  const records = Number((await page.getByTestId('qr-sending').textContent())!.match(/(\d+) 条/)![1]);

  // The receiving phone: empty, offline, the camera on the Data tab.
  const receiver = await phone(browser, FAKE_CAMERA);
  await receiver.locator('[data-tab=data]').click();
  await receiver.getByTestId('qr-receive').click();
  await expect(receiver.getByTestId('page-title')).toHaveText('扫码接收');
  await receiver.context().setOffline(true);
  // It starts late: the sender has been showing frames for a while.
  await receiver.waitForTimeout(1000);
  const moved = await carry(page, receiver, { shot: 'tests/e2e/artifacts/screens/qr-receiving-zh.png', says: /^已收到 \d+%$/ });
  const blocks = Number(await page.getByTestId('qr-canvas').getAttribute('data-blocks'));
  console.log(`qr transfer: ${records} records, ${blocks} blocks, ${moved.frames} frames carried in ${moved.seconds.toFixed(1)} s (${(moved.frames / moved.seconds).toFixed(1)} frames/s)`);

  // The usual check and preview, then the merge.
  await expect(receiver).toHaveURL(/\/data$/);
  await expect(receiver.getByTestId('import-preview')).toBeInViewport();
  await receiver.screenshot({ path: 'tests/e2e/artifacts/screens/qr-received-zh.png' });
  await receiver.getByTestId('apply-import').click();
  await expect(receiver.getByTestId('imported')).toBeVisible();
  await receiver.locator('[data-tab=rosters]').click();
  await expect(receiver.getByRole('link', { name: '美食节' })).toBeVisible();

  expect(Number(await page.getByTestId('qr-canvas').getAttribute('data-frame'))).toBeGreaterThan(20);
  expect(await side()).toBe(firstSide);
  // Stop takes the sender back.
  await page.getByTestId('qr-stop').click();
  await expect(page.getByTestId('page-title')).toHaveText('美食节');
  await receiver.context().close();
});

test('in English: a refused camera says so and offers the file; a code that is not Linli\'s is ignored with a note', async ({ browser }) => {
  const refused = await phone(browser, REFUSED_CAMERA, 'en');
  await refused.goto('/qr/receive');
  await expect(refused.getByTestId('qr-camera-failed')).toContainText('Camera permission was refused');
  // No empty black camera box under the message.
  await expect(refused.getByTestId('qr-video')).toBeHidden();
  await refused.screenshot({ path: 'tests/e2e/artifacts/screens/qr-refused-en.png', fullPage: true });
  await refused.getByTestId('qr-use-file').click();
  await expect(refused.getByTestId('page-title')).toHaveText('Data');
  await refused.context().close();

  // A printed poster's code (the app's own address) is not a transfer.
  const poster = await phone(browser, FAKE_CAMERA, 'en');
  await poster.goto('/qr/poster');
  await expect(poster.getByTestId('poster-code')).toHaveAttribute('data-url', /\/$/);
  const shot = await poster.getByTestId('poster-code').locator('svg').screenshot();
  const receiver = await phone(browser, FAKE_CAMERA, 'en');
  await receiver.goto('/qr/receive');
  await expect(receiver.getByTestId('qr-received')).toHaveText('Looking for a code…');
  await receiver.evaluate((u) => (window as any).__camShow(u), `data:image/png;base64,${shot.toString('base64')}`);
  await expect(receiver.getByTestId('qr-note')).toHaveText('That is not a Linli transfer code; ignored.');
  await expect(receiver.getByTestId('qr-received')).toHaveText('Looking for a code…');
  await receiver.screenshot({ path: 'tests/e2e/artifacts/screens/qr-foreign-en.png', fullPage: true });
  await poster.context().close();
  await receiver.context().close();
});

test('the door sheet and the sign-in sheet carry a QR code of their own page', async ({ page }) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '红色议事厅' }).click();
  const space = new URL(page.url()).pathname;
  await page.goto(`${space}/door`);
  await expect(page.getByTestId('poster-code')).toHaveAttribute('data-url', new RegExp(`${space}/book$`));
  await expect(page.getByTestId('poster-code').locator('svg path')).toHaveCount(1);
  await page.locator('[data-tab=rosters]').click();
  await page.getByRole('link', { name: '美食节' }).click();
  const roster = new URL(page.url()).pathname;
  await page.goto(`${roster}/print`);
  await expect(page.getByTestId('poster-code')).toHaveAttribute('data-url', new RegExp(`${roster}$`));
});

test('in English: a week of a space\'s bookings moves by QR code into the import preview', async ({ page, browser }) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  await page.getByTestId('lang-switch').click();
  await page.locator('[data-tab=spaces]').click();
  await page.getByRole('link', { name: '红色议事厅' }).click();
  await page.getByTestId('space-more').locator('summary').click();
  await page.locator('input[name=export-from]').fill('2026-12-07');
  await page.locator('input[name=export-to]').fill('2026-12-13');
  await page.getByTestId('export-bookings-qr').click();
  await expect(page.getByTestId('page-title')).toHaveText('Send by QR code');
  await expect(page.getByTestId('qr-sending')).toHaveText(/^红色议事厅 \(records: \d+\)$/);
  await expect(page.getByTestId('qr-canvas')).not.toHaveAttribute('data-frame', '0');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/qr-send-en.png', fullPage: true });
  await page.context().setOffline(true);

  const receiver = await phone(browser, FAKE_CAMERA, 'en');
  await receiver.locator('[data-tab=data]').click();
  await receiver.getByTestId('qr-receive').click();
  await expect(receiver.getByTestId('page-title')).toHaveText('Receive by QR code');
  await receiver.context().setOffline(true);
  await carry(page, receiver, { shot: 'tests/e2e/artifacts/screens/qr-receiving-en.png', says: /^\d+% received$/ });
  await expect(receiver.getByTestId('import-preview')).toBeInViewport();
  // The column names stay whole words: the header row is one line high,
  // as high as the spaces' row.
  const counts = receiver.getByTestId('import-counts');
  const header = (await counts.locator('thead tr').boundingBox())!.height;
  const spaces = (await counts.locator('tr[data-kind=spaces]').boundingBox())!.height;
  expect(header).toBeLessThanOrEqual(spaces + 1);
  await receiver.screenshot({ path: 'tests/e2e/artifacts/screens/qr-received-en.png' });
  await receiver.getByTestId('apply-import').click();
  await expect(receiver.getByTestId('imported')).toBeVisible();
  await receiver.locator('[data-tab=spaces]').click();
  await receiver.getByRole('link', { name: '红色议事厅' }).click();
  await expect(receiver.getByTestId('space-bookings')).not.toBeEmpty();
  await receiver.context().close();
});

/** Paints the sender's code into the receiver's camera while `going()`. */
async function show(sender: Page, receiver: Page, going: () => Promise<boolean>) {
  const started = Date.now();
  let last = '';
  while (await going()) {
    if (Date.now() - started > 60_000) throw new Error('a minute went by');
    const url = await sender.getByTestId('qr-canvas').evaluate((c: HTMLCanvasElement) => c.toDataURL('image/png'));
    if (url !== last) {
      last = url;
      await receiver.evaluate((u) => (window as any).__camShow(u), url).catch(() => undefined);
    }
    await receiver.waitForTimeout(60);
  }
}

test('a sender that stops and sends another roster: the receiver says so, starts over on it and gets it whole', async ({ page, browser }) => {
  await page.clock.setFixedTime(NOW);
  await loadDemo(page);
  const sendRoster = async (name: string) => {
    await page.locator('[data-tab=rosters]').click();
    await page.getByRole('link', { name }).click();
    await page.getByTestId('roster-more').locator('summary').click();
    await page.getByTestId('export-roster-qr').click();
    await expect(page.getByTestId('qr-sending')).toContainText(name);
    await expect(page.getByTestId('qr-canvas')).not.toHaveAttribute('data-frame', '0');
  };
  await sendRoster('美食节');
  const receiver = await phone(browser, FAKE_CAMERA);
  await receiver.goto('/qr/receive');
  const percent = async () => Number((await receiver.getByTestId('qr-received').textContent())?.match(/\d+/)?.[0] ?? 0);
  // Part of the first roster arrives, then its sender stops.
  await show(page, receiver, async () => (await percent()) < 10);
  await page.getByTestId('qr-stop').click();
  await sendRoster('助老送餐');
  await show(page, receiver, async () => receiver.url().includes('/qr/receive') && (await receiver.getByTestId('qr-note').getAttribute('data-note', { timeout: 100 }).catch(() => null)) !== 'StartedOver');
  await expect(receiver.getByTestId('qr-note')).toHaveText('原来的二维码不再出现，已改为从头接收新的这个。');
  await receiver.screenshot({ path: 'tests/e2e/artifacts/screens/qr-started-over-zh.png', fullPage: true });
  await show(page, receiver, async () => receiver.url().includes('/qr/receive'));
  await expect(receiver.getByTestId('import-preview')).toBeInViewport();
  await receiver.getByTestId('apply-import').click();
  await expect(receiver.getByTestId('imported')).toBeVisible();
  await receiver.locator('[data-tab=rosters]').click();
  await expect(receiver.getByRole('link', { name: '助老送餐' })).toBeVisible();
  await expect(receiver.getByRole('link', { name: '美食节' })).toHaveCount(0);
  await receiver.context().close();
});
