import { Browser, Page } from '@playwright/test';
import { ChildProcess } from 'node:child_process';
import { Couch, PASSWORD, serveApp } from './couch';
import { Phones, connect, openForm, start, synced } from './phones';
import { bookGymFriday, expect, recordCounts, test } from './fixtures';

// Three phones and one sync server: Apache CouchDB started here on
// 127.0.0.1 (./couch.ts), and the app served with /couchdb/ passed
// to it, as a real deployment does. The tests share the server and run one
// after another; each has a community of its own.
const APP_PORT = Number(process.env.E2E_SYNC_PORT ?? 8098);
const APP = `http://127.0.0.1:${APP_PORT}`;
const couch = new Couch(Number(process.env.E2E_COUCH_PORT ?? 5987));

let app: ChildProcess;

test.describe.configure({ mode: 'serial', timeout: 120_000 });

test.beforeAll(async () => {
  await couch.start();
  await couch.community('setup', true);
  app = await serveApp(APP_PORT, couch);
});

test.afterAll(async () => {
  app?.kill();
  await couch.stop();
});

let communities = 0;
/** A community of its own for a test. */
async function community(): Promise<string> {
  const name = `test${++communities}`;
  await couch.community(name, true);
  return name;
}

const phones = new Phones(APP);
const phone = (browser: Browser, routed = false) => phones.phone(browser, routed);

test.afterEach(async () => {
  await phones.closeAll();
});

function bookingId(page: Page): string {
  const id = new URL(page.url()).pathname.split('/')[2];
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id;
}

async function status(page: Page, id: string) {
  await page.goto(`/bookings/${id}`);
  return page.getByTestId('booking-status');
}

test('a resident asks, the keeper confirms, and every phone sees it; the resident sees no phone numbers', async ({ browser }) => {
  const name = await community();
  const [a, b, c] = [await phone(browser), await phone(browser), await phone(browser)];
  await start(a.page, true);
  await connect(a.page, name, 'li');
  // The keeper books for an organiser with a phone number and a room.
  await bookGymFriday(a.page, '居委 会议', '2026-12-11');
  const meeting = bookingId(a.page);
  await a.page.goto(`/bookings/${meeting}/edit`);
  await a.page.locator('input[name=phone]').fill('13912345678');
  await a.page.locator('input[name=room]').fill('3号楼 502');
  await a.page.getByTestId('submit-booking').click();
  await expect(a.page.locator('a[href="tel:13912345678"]')).toBeVisible();
  await synced(a.page);
  const demo = await recordCounts(a.page);
  await start(b.page, false);
  await connect(b.page, name, 'zhang');
  expect(await recordCounts(b.page)).toEqual(demo);
  await status(b.page, meeting);
  await expect(b.page.locator('a[href="tel:13912345678"]')).toBeVisible();
  await start(c.page, false);
  await connect(c.page, name, 'wang');
  await expect(c.page.getByTestId('sync-account')).toContainText('居民');
  const resident = await recordCounts(c.page);
  expect(resident).toMatchObject({ spaces: demo.spaces, bookings: demo.bookings, volunteers: '0', shifts: '0' });

  // The resident's phone: the meeting without its phone number or room,
  // no volunteer, no keeper's buttons.
  await expect(await status(c.page, meeting)).toHaveText('已确认');
  await expect(c.page.locator('a[href^="tel:"]')).toHaveCount(0);
  await expect(c.page.getByText('3号楼 502')).toHaveCount(0);
  await expect(c.page.getByTestId('cancel')).toHaveCount(0);
  await c.page.locator('[data-tab=volunteers]').click();
  await expect(c.page.locator('a[href^="tel:"]')).toHaveCount(0);
  await c.page.locator('[data-tab=spaces]').click();
  await expect(c.page.getByTestId('add-space')).toHaveCount(0);

  // The resident asks for the gym: a request, whatever the space's rules.
  await bookGymFriday(c.page, '王家 乒乓球');
  const id = bookingId(c.page);
  await expect(c.page.getByTestId('booking-status')).toHaveText('待审核');
  await expect(c.page.getByTestId('approve')).toHaveCount(0);
  await expect(c.page.getByTestId('edit-booking')).toHaveCount(0);
  await expect(c.page.getByTestId('cancel')).toBeVisible();

  // It reaches the keeper's phone by itself, who confirms it.
  await expect(await status(a.page, id)).toHaveText('待审核', { timeout: 15_000 });
  await a.page.getByTestId('approve').click();
  await expect(a.page.getByTestId('booking-status')).toHaveText('已确认');
  // The resident's and the other committee phone follow, on the screen they show.
  await expect(c.page.getByTestId('booking-status')).toHaveText('已确认', { timeout: 15_000 });
  await expect(await status(b.page, id)).toHaveText('已确认', { timeout: 15_000 });
  // A booking the committee made shows on the resident's phone without its phone number.
  for (const p of [a.page, c.page]) await p.locator('[data-tab=spaces]').click();
  await c.page.screenshot({ path: 'tests/e2e/artifacts/screens/sync-resident-zh.png', fullPage: true });
  await c.page.locator('[data-tab=data]').click();
  await c.page.screenshot({ path: 'tests/e2e/artifacts/screens/sync-status-zh.png', fullPage: true });
});

test('edits made offline on two phones meet again: equal, and the later edit wins', async ({ browser }) => {
  const name = await community();
  const [a, b] = [await phone(browser), await phone(browser)];
  await start(a.page, true);
  await connect(a.page, name, 'li');
  await bookGymFriday(a.page, '晨练');
  const id = bookingId(a.page);
  await start(b.page, false);
  await connect(b.page, name, 'zhang');
  await expect(await status(b.page, id)).toHaveText('已确认');

  await a.context.setOffline(true);
  await b.context.setOffline(true);
  const edit = async (page: Page, at: string, title: string) => {
    await page.clock.setFixedTime(new Date(at));
    await page.goto(`/bookings/${id}/edit`);
    await page.locator('input[name=title]').fill(title);
    await page.getByTestId('submit-booking').click();
    await expect(page.getByTestId('page-title')).toHaveText(title);
  };
  await edit(a.page, '2026-12-02T09:20:00+08:00', '晨练（甲改）');
  await edit(b.page, '2026-12-02T09:30:00+08:00', '晨练（乙改）');
  // A also books something only it knows of.
  await bookGymFriday(a.page, '甲 独有', '2026-12-11');
  await a.page.locator('[data-tab=data]').click();
  await expect(a.page.getByTestId('sync-status')).toContainText('离线，2 条改动待上传');

  // B comes back first, then A: both end with B's later title and A's booking.
  await b.context.setOffline(false);
  await synced(b.page);
  await a.context.setOffline(false);
  await synced(a.page);
  await synced(b.page);
  for (const p of [a.page, b.page]) {
    await expect(await status(p, id)).toBeVisible();
    await expect(p.getByTestId('page-title')).toHaveText('晨练（乙改）', { timeout: 15_000 });
  }
  await expect.poll(async () => JSON.stringify(await recordCounts(b.page)), { timeout: 15_000 }).toBe(
    JSON.stringify(await recordCounts(a.page)),
  );
});

test('the same slot booked offline on two phones is a clash for the keeper, settled once for all', async ({ browser }) => {
  const name = await community();
  const [a, b] = [await phone(browser), await phone(browser)];
  await start(a.page, true);
  await connect(a.page, name, 'li');
  await start(b.page, false);
  await connect(b.page, name, 'zhang');
  // A resident's phone on the same community.
  const c = await phone(browser);
  await start(c.page, false);
  await connect(c.page, name, 'wang');

  await a.context.setOffline(true);
  await b.context.setOffline(true);
  await bookGymFriday(a.page, '甲 太极拳');
  const mine = bookingId(a.page);
  await bookGymFriday(b.page, '乙 乒乓球');
  const theirs = bookingId(b.page);
  await a.context.setOffline(false);
  await synced(a.page);
  await b.context.setOffline(false);
  await synced(b.page);
  await synced(a.page);

  // Both phones show the clash; the keeper on A keeps A's booking.
  await a.page.locator('[data-tab=today]').click();
  await expect(a.page.getByTestId('clash-notice')).toContainText('1 个冲突');
  for (const p of [a.page, b.page]) {
    await p.locator('[data-tab=data]').click();
    await expect(p.getByTestId('sync-clash')).toHaveCount(1, { timeout: 15_000 });
    await expect(p.getByTestId('sync-clash')).toContainText('健身房');
  }
  await a.page.screenshot({ path: 'tests/e2e/artifacts/screens/sync-clash-zh.png', fullPage: true });
  // The resident may not settle: their phone says who will, and offers nothing to tap.
  await c.page.locator('[data-tab=data]').click();
  await expect(c.page.getByTestId('sync-clashes-waiting')).toHaveText('等待居委会处理（1）', { timeout: 15_000 });
  await expect(c.page.getByText('由居委会决定保留哪一个预约')).toBeVisible();
  await expect(c.page.getByTestId('sync-keep')).toHaveCount(0);
  await c.page.screenshot({ path: 'tests/e2e/artifacts/screens/sync-clash-resident-zh.png', fullPage: true });
  await a.page.locator(`[data-testid=sync-keep][data-keep="${mine}"]`).click();
  await expect(a.page.getByTestId('sync-clash')).toHaveCount(0);
  // The settlement travels: B's clash goes and B's booking is cancelled, with the reason.
  await expect(b.page.getByTestId('sync-clash')).toHaveCount(0, { timeout: 15_000 });
  await expect(await status(b.page, theirs)).toHaveText('已取消');
  await expect(b.page.getByText('与同一时段的另一预约冲突')).toBeVisible();
  await expect(await status(b.page, mine)).toHaveText('已确认');
});

test('a server stopped in the middle of a sync and started again: it resumes, nothing lost, nothing twice', async ({ browser }) => {
  const name = await community();
  const [a, b] = [await phone(browser), await phone(browser, true)];
  await start(a.page, true);
  await connect(a.page, name, 'li');
  const demo = await recordCounts(a.page);

  // B's first page of changes finds the server gone.
  await start(b.page, false);
  let stopped = false;
  await b.page.route('**/couchdb/**/_changes?*include_docs*', async (route) => {
    if (!stopped) {
      stopped = true;
      await couch.stop();
    }
    await route.continue();
  });
  await openForm(b.page);
  await b.page.locator('input[name=sync-community]').fill(name);
  await b.page.locator('input[name=sync-user]').fill('zhang');
  await b.page.locator('input[name=sync-password]').fill(PASSWORD.zhang);
  await b.page.getByTestId('sync-connect').click();
  await expect(b.page.getByTestId('sync-status')).toHaveAttribute('data-phase', 'unreachable', { timeout: 30_000 });
  await expect(b.page.getByTestId('sync-status')).toHaveText('连不上服务器，还没有同步过；没有待上传的改动');
  expect((await recordCounts(b.page)).total).toBe('0');

  // Meanwhile A books something: it waits on A.
  await bookGymFriday(a.page, '断线时订的');
  await a.page.locator('[data-tab=data]').click();
  await expect(a.page.getByTestId('sync-status')).toContainText('1 条改动待上传', { timeout: 30_000 });

  await couch.start();
  await synced(a.page);
  await synced(b.page);
  const expected = { ...demo, bookings: String(Number(demo.bookings) + 1), total: String(Number(demo.total) + 1) };
  await expect.poll(async () => recordCounts(b.page), { timeout: 30_000 }).toEqual(expected);
  expect(await recordCounts(a.page)).toEqual(expected);
  // The server holds each record once (and its design document).
  const info = await (await fetch(`${couch.url}${name}`, { headers: Couch.auth(couch.admin) })).json();
  expect(info.doc_count).toBe(Number(expected.total) + 1);
});

test('with the server out of reach the status says so, right after connecting and after a settings save, in both languages', async ({ browser }) => {
  const name = await community();
  const { page } = await phone(browser);
  await start(page, true);
  await connect(page, name, 'li');
  const status = page.getByTestId('sync-status');
  // The path to the server is cut right after connecting.
  await couch.stop();
  try {
    await expect(status).toHaveAttribute('data-phase', 'unreachable', { timeout: 30_000 });
    await expect(status).toHaveText('连不上服务器，上次同步：刚刚；没有待上传的改动');
    // A save with nothing to send asks the server nothing: it must not
    // claim to be in step.
    await page.locator('input[name=limit-row]').fill('3');
    await page.getByTestId('save-settings').click();
    await expect(page.getByTestId('settings-saved')).toBeVisible();
    await page.waitForTimeout(2_000);
    await expect(status).toHaveAttribute('data-phase', 'unreachable');
    await expect(status).not.toContainText('已同步');
    await page.getByTestId('sync').screenshot({ path: 'tests/e2e/artifacts/screens/sync-unreachable-zh.png' });
    // A booking made meanwhile waits, and the line counts it.
    await bookGymFriday(page, '连不上时订的');
    await page.locator('[data-tab=data]').click();
    await expect(status).toHaveText('连不上服务器，上次同步：刚刚；1 条改动待上传', { timeout: 15_000 });
    await page.getByTestId('lang-switch').click();
    await expect(status).toHaveText('The server cannot be reached, last in step: just now; 1 change waiting to go up');
    await page.getByTestId('sync').screenshot({ path: 'tests/e2e/artifacts/screens/sync-unreachable-en.png' });
  } finally {
    await couch.start();
  }
  await expect(status).toHaveAttribute('data-phase', 'idle', { timeout: 30_000 });
  await expect(status).toContainText('In step', { timeout: 30_000 });
});

test('a connected phone is never offered the demo, and nothing of a demo reaches the server', async ({ browser }) => {
  const name = await community();
  const { page } = await phone(browser);
  await start(page, false);
  await connect(page, name, 'li');
  await expect(page.getByTestId('record-counts').locator('[data-kind=total]')).toHaveText('0');
  await expect(page.getByTestId('data-load-demo')).toHaveCount(0);
  await expect(page.getByTestId('no-demo-connected')).toHaveText(`这部手机已连接社区“${name}”：示范数据会同步到社区的每部手机，所以这里不提供示范社区。`);
  const docs = async (db: string) =>
    (await (await fetch(`${couch.url}${db}/_all_docs`, { headers: Couch.auth(couch.admin) })).json()).rows.filter(
      (r: { id: string }) => !r.id.startsWith('_design/'),
    ).length;
  expect(await docs(name)).toBe(0);
  expect(await docs(`${name}-public`)).toBe(0);
});

test('a change the server refuses is said in words and stays on the phone; disconnecting keeps every record', async ({ browser }) => {
  const name = await community();
  const [a, c] = [await phone(browser), await phone(browser)];
  await start(a.page, true);
  await connect(a.page, name, 'li');
  await start(c.page, false);
  await connect(c.page, name, 'wang');
  await bookGymFriday(c.page, '王家 羽毛球');
  const id = bookingId(c.page);
  await synced(c.page);

  // Offline, the resident cancels the request; meanwhile the server's copy
  // is handed to another resident (by the server's admin).
  await c.context.setOffline(true);
  await c.page.goto(`/bookings/${id}`);
  await c.page.getByTestId('cancel').click();
  await expect(c.page.getByTestId('booking-status')).toHaveText('已取消');
  const auth = Couch.auth(couch.admin);
  const url = `${couch.url}${name}-public/booking:${id}`;
  const doc = await (await fetch(url, { headers: auth })).json();
  const put = await fetch(url, { method: 'PUT', headers: auth, body: JSON.stringify({ ...doc, requested_by: 'zhao' }) });
  expect(put.status).toBe(201);

  await c.context.setOffline(false);
  await c.page.locator('[data-tab=data]').click();
  const problems = c.page.getByTestId('sync-problems');
  await expect(problems).toBeVisible({ timeout: 30_000 });
  await problems.locator('summary').click();
  await expect(c.page.getByTestId('sync-problem')).toContainText('服务器没有接受本机的预约');
  await expect(c.page.getByTestId('sync-problem')).toContainText('只能取消自己的申请');
  await expect(await status(c.page, id)).toHaveText('已取消');

  // Disconnecting: the form again, every record still here.
  const before = await recordCounts(c.page);
  await c.page.getByTestId('sync-disconnect').click();
  await c.page.getByTestId('sync-disconnect-yes').click();
  await expect(c.page.getByTestId('sync-setup')).toBeVisible();
  expect(await recordCounts(c.page)).toEqual(before);
  await c.page.reload();
  expect(await recordCounts(c.page)).toEqual(before);
  await expect(c.page.getByTestId('sync-setup')).toBeVisible();
});

test('connecting with a wrong password, an unknown community or another origin says why and changes nothing', async ({ browser }) => {
  const name = await community();
  const { page } = await phone(browser);
  await start(page, true);
  const before = await recordCounts(page);
  await openForm(page);
  const attempt = async (server: string, db: string, user: string, password: string, says: string) => {
    await page.locator('input[name=sync-server]').fill(server);
    await page.locator('input[name=sync-community]').fill(db);
    await page.locator('input[name=sync-user]').fill(user);
    await page.locator('input[name=sync-password]').fill(password);
    await page.getByTestId('sync-connect').click();
    await expect(page.getByTestId('sync-error')).toContainText(says);
  };
  await attempt('/couchdb/', name, 'li', 'wrong', '用户名或密码不对');
  await attempt('/couchdb/', 'nosuchplace', 'li', PASSWORD.li, '这个账号不属于社区“nosuchplace”');
  // Another community on the same server: li's account is nobody there.
  await couch.community(`${name}-other`, [{ name: 'zhou', password: 'zhou-pw', role: 'committee' }]);
  await attempt('/couchdb/', `${name}-other`, 'li', PASSWORD.li, `这个账号不属于社区“${name}-other”。请核对社区名，或请管理员把账号加入这个社区。`);
  await attempt('https://example.com/couchdb/', name, 'li', PASSWORD.li, '服务器地址必须在本应用的网址下');
  await attempt('/couchdb/', 'Bad Name', 'li', PASSWORD.li, '社区数据库名以小写字母开头');
  // A mistyped path answers, but not as a sync server does.
  await attempt('/couch/', name, 'li', PASSWORD.li, '这个地址不像 Linli 同步服务器那样应答。请和管理服务器的人核对地址');
  await expect(page.getByTestId('sync-error')).not.toContainText('（405）');
  // A resident's account cannot open the committee's database: it connects to the public one only.
  expect(await recordCounts(page)).toEqual(before);
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/sync-connect-error-zh.png', fullPage: true });
  await page.getByTestId('lang-switch').click();
  await attempt('/couchdb/', `${name}-other`, 'li', PASSWORD.li, `This account does not belong to the community “${name}-other”. Check the community’s name, or ask your admin to add the account to it.`);
  await page.getByTestId('sync').screenshot({ path: 'tests/e2e/artifacts/screens/sync-connect-no-role-en.png' });
  expect(await recordCounts(page)).toEqual(before);
});

test('a session the server ended asks for the password again, then carries on', async ({ browser }) => {
  const name = await community();
  const { page } = await phone(browser);
  await start(page, true);
  await connect(page, name, 'li');
  // The admin changes the session secret: every session ends at once.
  const put = await fetch(`${couch.url}_node/_local/_config/chttpd_auth/secret`, {
    method: 'PUT',
    headers: Couch.auth(couch.admin),
    body: JSON.stringify('another-secret-' + Date.now()),
  });
  expect(put.status).toBe(200);
  await bookGymFriday(page, '会话过期后订的');
  await page.locator('[data-tab=data]').click();
  const status = page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-phase', 'signed-out', { timeout: 30_000 });
  await expect(status).toContainText('登录已过期');
  await expect(page.getByTestId('sync-setup')).toHaveCount(0);
  await page.locator('input[name=sync-password]').fill(PASSWORD.li);
  await page.getByTestId('sync-sign-in').click();
  await synced(page);
  const found = await fetch(`${couch.url}${name}/_all_docs`, { headers: Couch.auth(couch.admin) });
  expect((await found.json()).total_rows).toBe(Number((await recordCounts(page)).total) + 1);
});

/** Opens a sealed contact with the committee's key file, as Node's own Web Crypto does it. */
async function openSealed(keyFile: string, sealed: string): Promise<{ phone: string; room: string }> {
  const { readFileSync } = await import('node:fs');
  const { webcrypto } = await import('node:crypto');
  const subtle = webcrypto.subtle;
  const file = JSON.parse(readFileSync(keyFile, 'utf8'));
  const s = JSON.parse(sealed);
  expect(s.kid).toBe(file.kid);
  const ecdh = { name: 'ECDH', namedCurve: 'P-256' };
  const mine = await subtle.importKey('jwk', file.private_jwk, ecdh, false, ['deriveBits']);
  const theirs = await subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: s.x, y: s.y }, ecdh, false, []);
  const bits = await subtle.deriveBits({ name: 'ECDH', public: theirs }, mine, 256);
  const hkdf = await subtle.importKey('raw', bits, 'HKDF', false, ['deriveKey']);
  const aes = await subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode('linli contact 1') },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['decrypt'],
  );
  const plain = await subtle.decrypt({ name: 'AES-GCM', iv: Buffer.from(s.iv, 'base64') }, aes, Buffer.from(s.ct, 'base64'));
  return JSON.parse(Buffer.from(plain).toString('utf8'));
}

test('a resident’s phone number and room reach the committee sealed, and no other resident', async ({ browser }) => {
  const name = await community();
  const [a, b, c, d] = [await phone(browser), await phone(browser), await phone(browser), await phone(browser)];
  await start(a.page, true);
  await connect(a.page, name, 'li');
  // The committee imports the key file setup.mjs wrote; another file is refused.
  await a.page.getByTestId('contact-key').locator('summary').click();
  await expect(a.page.getByTestId('contact-key-state')).toContainText('但本机没有导入密钥文件');
  await a.page.locator('input[name=contact-key-file]').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"linli-exchange"}') });
  await expect(a.page.getByTestId('contact-key-error')).toHaveText('这不是邻里的社区联系密钥文件。');
  await a.page.locator('input[name=contact-key-file]').setInputFiles(couch.keyFile(name));
  await expect(a.page.getByTestId('contact-key-imported')).toBeVisible();
  await expect(a.page.getByTestId('contact-key-state')).toContainText('本机持有社区联系密钥');

  // The resident asks, leaving a phone number and a room.
  await start(c.page, false);
  await connect(c.page, name, 'wang');
  await c.page.locator('[data-tab=spaces]').click();
  await c.page.getByRole('link', { name: '健身房' }).click();
  await c.page.getByTestId('book-space').click();
  await expect(c.page.getByTestId('contact-sealed-hint')).toHaveText('电话和房号加密后只送给居委会。');
  await c.page.locator('input[name=date]').fill('2026-12-04');
  await c.page.locator('input[name=start]').fill('14:00');
  await c.page.locator('input[name=end]').fill('15:00');
  await c.page.locator('input[name=title]').fill('王家 乒乓球');
  await c.page.locator('input[name=organiser]').fill('王芳');
  await c.page.locator('input[name=phone]').fill('13912345678');
  await c.page.locator('input[name=room]').fill('5号楼 301');
  await c.page.getByTestId('submit-booking').click();
  await expect(c.page.getByTestId('page-title')).toHaveText('王家 乒乓球');
  const id = bookingId(c.page);
  await synced(c.page);

  // On the server: ciphertext only, which the committee's key opens.
  const doc = await (await fetch(`${couch.url}${name}-public/booking:${id}`, { headers: Couch.auth(couch.admin) })).json();
  expect(doc.organiser.phone).toBe('');
  expect(doc.organiser.room).toBe('');
  expect(JSON.stringify(doc)).not.toContain('12345678');
  expect(JSON.stringify(doc)).not.toContain('301');
  expect(doc.organiser.sealed.startsWith('{"v":1,')).toBe(true);
  expect(await openSealed(couch.keyFile(name), doc.organiser.sealed)).toEqual({ phone: '13912345678', room: '5号楼 301' });
  // The server refuses a request whose sealed contact is not one.
  const forged = { ...doc, _id: `booking:${crypto.randomUUID()}`, _rev: undefined, organiser: { ...doc.organiser, sealed: '13912345678' } };
  forged.id = forged._id.slice('booking:'.length);
  const refused = await fetch(`${couch.url}${name}-public/${forged._id}`, { method: 'PUT', headers: Couch.auth(`wang:${PASSWORD.wang}`), body: JSON.stringify(forged) });
  expect(refused.status).toBe(403);

  // The committee phone with the key sees them; one without says why not.
  await expect(await status(a.page, id)).toHaveText('待审核', { timeout: 30_000 });
  await expect(a.page.getByTestId('organiser-room')).toContainText('5号楼 301');
  await expect(a.page.getByTestId('organiser-phone').locator('a')).toHaveAttribute('href', 'tel:13912345678');
  await expect(a.page.getByTestId('sealed-contact-opened')).toBeVisible();
  await a.page.screenshot({ path: 'tests/e2e/artifacts/screens/sealed-contact-committee-zh.png', fullPage: true });
  await start(b.page, false);
  await connect(b.page, name, 'zhang');
  await expect(await status(b.page, id)).toHaveText('待审核');
  await expect(b.page.getByTestId('sealed-contact-closed')).toHaveText('居民留了联系方式，但本机没有社区联系密钥：请在“数据”页导入。');
  await expect(b.page.getByTestId('organiser-phone')).toHaveCount(0);

  // Another resident sees the request's time and name, never the contact.
  await start(d.page, false);
  await connect(d.page, name, 'zhao');
  await expect(await status(d.page, id)).toHaveText('待审核');
  await expect(d.page.getByTestId('organiser-phone')).toHaveCount(0);
  await expect(d.page.getByTestId('organiser-room')).toHaveCount(0);
  await expect(d.page.getByTestId('sealed-contact-closed')).toHaveCount(0);
  await expect(d.page.locator('main')).not.toContainText('5号楼');
});

test('where the community has no contact key, a resident is not asked for a phone number or room', async ({ browser }) => {
  const name = await community();
  // A server set up before there were keys: its design document has none.
  const url = `${couch.url}${name}-public/_design/linli`;
  const design = await (await fetch(url, { headers: Couch.auth(couch.admin) })).json();
  delete design.contact_key;
  expect((await fetch(url, { method: 'PUT', headers: Couch.auth(couch.admin), body: JSON.stringify(design) })).status).toBe(201);
  const { page } = await phone(browser);
  await start(page, false);
  await connect(page, name, 'wang');
  await page.locator('[data-tab=spaces]').click();
  await expect(page.getByRole('link', { name: '健身房' })).toHaveCount(0);
  // The committee's first phone fills the public database.
  const committee = await phone(browser);
  await start(committee.page, true);
  await connect(committee.page, name, 'li');
  await committee.page.getByTestId('contact-key').locator('summary').click();
  await expect(committee.page.getByTestId('contact-key-state')).toHaveText('服务器还没有为这个社区设置联系密钥，请管理员重新运行社区设置。');
  await expect(page.getByRole('link', { name: '健身房' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('link', { name: '健身房' }).click();
  await page.getByTestId('book-space').click();
  await expect(page.getByTestId('contact-not-asked')).toContainText('居委会还不能安全接收电话和房号');
  await expect(page.locator('input[name=phone]')).toHaveCount(0);
  await expect(page.locator('input[name=room]')).toHaveCount(0);
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('contact-not-asked')).toContainText('cannot receive a phone number and room safely yet');
  await page.screenshot({ path: 'tests/e2e/artifacts/screens/contact-not-asked-en.png', fullPage: true });
});
