// Linli's sync benchmark: the release build against Apache CouchDB
// (scripts/couchdb/local-server.mjs) on 127.0.0.1, in headless Chromium with
// the CPU throttled 4x, median of several runs:
//   - a committee phone's first sync of the big community from the server
//     into an empty phone, beside PouchDB's own replicate.from of the same
//     databases into IndexedDB in the same browser;
//   - a push of 100 changed records;
//   - one change on phone A seen on phone B;
//   - what one phone costs the server: requests and bytes per minute, idle
//     and busy, and the long-polls it keeps open.
// Run through scripts/bench.sh (or: node scripts/bench/sync.mjs <big.json>).
// Writes target/bench/sync.json and prints a table.
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync, mkdtempSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { startCouch } from '../couchdb/local-server.mjs';
import { setUpCommunity } from '../couchdb/setup.mjs';
import { ROOT, THROTTLE, LAUNCH, PHONE, median, serve, throttled } from './common.mjs';

const args = process.argv.slice(2);
const dataFile = resolve(args.find((a) => !a.startsWith('--') && isNaN(Number(a))) ?? 'target/bench/big-7.json');
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const COUCH_PORT = 5990;
const APP_PORT = 8272;
const REF_PORT = 8273;
const BIG = 'big';
const SMALL = 'small';
const USER = { name: 'li', password: 'li-bench', role: 'committee' };

const log = (...a) => console.error('[sync bench]', ...a);
const KIND = { spaces: 'space', bookings: 'booking', volunteers: 'volunteer', activities: 'activity', shifts: 'shift', assignments: 'assignment' };

/** Fills a community's databases on the server as committee phones would have. */
async function fill(couch, community, records) {
  const auth = { authorization: 'Basic ' + Buffer.from(couch.admin).toString('base64'), 'content-type': 'application/json' };
  const put = async (db, docs) => {
    for (let i = 0; i < docs.length; i += 5000) {
      const r = await fetch(`${couch.url}${db}/_bulk_docs`, { method: 'POST', headers: auth, body: JSON.stringify({ docs: docs.slice(i, i + 5000) }) });
      if (r.status !== 201) throw new Error(`filling ${db}: ${r.status}`);
    }
  };
  const all = [];
  const open = [];
  for (const [plural, list] of Object.entries(records)) {
    for (const record of list) {
      const doc = { _id: `${KIND[plural]}:${record.id}`, ...record };
      all.push(doc);
      if (plural === 'spaces') open.push(doc);
      if (plural === 'bookings') open.push({ ...doc, organiser: { ...doc.organiser, phone: '', room: '' } });
    }
  }
  await put(community, all);
  await put(`${community}-public`, open);
  return all.length;
}

async function waitForMark(page, name, after = 0, timeout = 600_000) {
  await page.waitForFunction(
    ([n, t]) => performance.getEntriesByName(n).some((m) => m.startTime > t),
    [name, after],
    { timeout, polling: 50 },
  );
}

async function markTime(page, name) {
  return page.evaluate((n) => performance.mark(n).startTime, name);
}

async function lastMark(page, name) {
  return page.evaluate((n) => performance.getEntriesByName(n).at(-1)?.startTime ?? 0, name);
}

/** A phone with an empty database, connected to `community`; resolves once its first sync is done. */
async function connectPhone(browser, base, community, throttle) {
  const context = await browser.newContext({ ...PHONE, baseURL: base });
  const metered = meter(context);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByTestId('start-empty').click();
  await page.locator('[data-tab=data]').click();
  if (throttle) await throttled(context, page);
  await page.getByTestId('sync-setup').locator('summary').click();
  await page.locator('input[name=sync-community]').fill(community);
  await page.locator('input[name=sync-user]').fill(USER.name);
  await page.locator('input[name=sync-password]').fill(USER.password);
  const start = await markTime(page, 'bench-connect');
  await page.getByTestId('sync-connect').click();
  await waitForMark(page, 'linli-sync-done', start);
  const ms = (await lastMark(page, 'linli-sync-done')) - start;
  return { context, page, ms, metered };
}

/** The record total the Data tab shows once it is `expected` (or after a minute). */
async function totalShown(page, expected) {
  await page.locator('[data-tab=data]').click();
  const cell = page.locator('td[data-kind=total]');
  const until = Date.now() + 60_000;
  let shown = NaN;
  while (Date.now() < until) {
    shown = Number(await cell.textContent());
    if (shown === expected) break;
    await page.waitForTimeout(250);
  }
  return shown;
}

/** Counts a phone's requests to the server and their bytes. */
function meter(context) {
  const m = { requests: 0, bytes: 0, open: 0, maxOpen: 0 };
  context.on('request', (r) => {
    if (!r.url().includes('/couchdb/')) return;
    m.requests += 1;
    m.open += 1;
    m.maxOpen = Math.max(m.maxOpen, m.open);
  });
  const done = async (r, failed) => {
    if (!r.url().includes('/couchdb/')) return;
    m.open -= 1;
    if (failed) return;
    const s = await r.sizes().catch(() => null);
    if (s) m.bytes += s.requestHeadersSize + s.requestBodySize + s.responseHeadersSize + s.responseBodySize;
  };
  context.on('requestfinished', (r) => done(r, false));
  context.on('requestfailed', (r) => done(r, true));
  return m;
}

async function measureMinute(metered, minute, act) {
  const before = metered.map((m) => ({ requests: m.requests, bytes: m.bytes }));
  const started = Date.now();
  for (const m of metered) m.maxOpen = m.open;
  await act?.();
  const left = minute - (Date.now() - started);
  if (left > 0) await new Promise((r) => setTimeout(r, left));
  return metered.map((m, i) => ({ requests: m.requests - before[i].requests, bytes: m.bytes - before[i].bytes, open: m.maxOpen }));
}

mkdirSync(join(ROOT, 'target/bench'), { recursive: true });
const text = readFileSync(dataFile, 'utf8');
const records = JSON.parse(text).records;
const couch = await startCouch({ port: COUCH_PORT });
const refs = mkdtempSync(join(tmpdir(), 'linli-sync-refs-'));
copyFileSync(join(ROOT, 'scripts/bench/pouch.html'), join(refs, 'pouch.html'));
copyFileSync(join(ROOT, 'scripts/bench/node_modules/pouchdb/dist/pouchdb.min.js'), join(refs, 'pouchdb.min.js'));
let app, refServer, browser, result;
try {
  // Accounts are bound to communities: the same account holds a role in both.
  await setUpCommunity({ server: couch.url, admin: couch.admin, community: BIG, users: [USER], keyDir: couch.dir });
  await setUpCommunity({ server: couch.url, admin: couch.admin, community: SMALL, users: [USER], keyDir: couch.dir });
  const count = await fill(couch, BIG, records);
  log(`server filled: ${count} records`);
  app = await serve(join(ROOT, 'dist'), APP_PORT, { couch: couch.url });
  refServer = await serve(refs, REF_PORT, { couch: couch.url, probe: '/pouch.html' });
  browser = await chromium.launch(LAUNCH);
  const base = `http://127.0.0.1:${APP_PORT}`;

  // 1. First sync into an empty phone, and PouchDB's replication of the same.
  const first = [];
  const pouch = [];
  let synced = null;
  for (let i = 0; i < runs; i++) {
    // One phone at a time: the one before is closed first (the last one
    // stays for the push below).
    if (synced) await synced.context.close();
    const phone = await connectPhone(browser, base, BIG, true);
    const shown = await totalShown(phone.page, count);
    if (shown !== count) throw new Error(`first sync shows ${shown} records, not ${count}`);
    first.push(phone.ms);
    log('linli first sync', phone.ms);
    synced = phone;

    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${REF_PORT}/pouch.html`);
    await page.waitForFunction(() => window.reference);
    await throttled(context, page);
    await page.evaluate((n) => window.reference.clear(n), [BIG, `${BIG}-public`]);
    const r = await page.evaluate(([n, u, p]) => window.reference.replicate(n, u, p), [[BIG, `${BIG}-public`], USER.name, USER.password]);
    pouch.push(r.ms);
    log('pouchdb replicate.from', r);
    await context.close();
  }

  // 2. A push of 100 changed records: a file changing 100 bookings, imported.
  const push = [];
  for (let i = 0; i < runs; i++) {
    const changed = records.bookings.slice(i * 100, i * 100 + 100).map((b) => ({
      ...b,
      title: `${b.title} · ${i}`,
      updated_at: new Date(Date.parse('2030-01-01T00:00:00Z') + i * 1000).toISOString(),
      device_id: 'bench-file',
    }));
    const file = JSON.parse(text);
    file.records = { spaces: [], bookings: changed, volunteers: [], activities: [], shifts: [], assignments: [] };
    const page = synced.page;
    const before = await markTime(page, 'bench-import');
    await page.locator('input[name=import-file]').setInputFiles({ name: 'changes.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.getByTestId('apply-import').click();
    await waitForMark(page, 'linli-import-done', before);
    // From the changes saved on the phone (the wait for more taps
    // included) to all 100 on the server.
    const saved = Date.now();
    const keys = changed.map((b) => `booking:${b.id}`);
    const auth = { authorization: 'Basic ' + Buffer.from(couch.admin).toString('base64'), 'content-type': 'application/json' };
    for (;;) {
      const r = await fetch(`${couch.url}${BIG}/_all_docs?include_docs=true`, { method: 'POST', headers: auth, body: JSON.stringify({ keys }) });
      const rows = (await r.json()).rows;
      if (rows.every((row, n) => row.doc?.title === changed[n].title)) break;
      if (Date.now() - saved > 120_000) throw new Error('the 100 changes did not reach the server');
      await new Promise((r) => setTimeout(r, 20));
    }
    const ms = Date.now() - saved;
    push.push(ms);
    log('push of 100', ms);
  }
  await synced.context.close();

  // 3. One change on A seen on B, and what a phone costs the server.
  const small = JSON.parse(text);
  small.records = Object.fromEntries(Object.entries(records).map(([k, list]) => [k, list.slice(0, k === 'bookings' ? 200 : k === 'assignments' ? 300 : 60)]));
  small.records.bookings = small.records.bookings.filter((b) => small.records.spaces.some((s) => s.id === b.space_id));
  small.records.shifts = small.records.shifts.filter((s) => small.records.activities.some((a) => a.id === s.activity_id));
  small.records.assignments = small.records.assignments.filter(
    (a) => small.records.shifts.some((s) => s.id === a.shift_id) && small.records.volunteers.some((v) => v.id === a.volunteer_id),
  );
  await fill(couch, SMALL, small.records);
  const a = await connectPhone(browser, base, SMALL, true);
  const b = await connectPhone(browser, base, SMALL, true);
  const [meterA, meterB] = [a.metered, b.metered];
  const booking = small.records.bookings.find((x) => x.status === 'confirmed' || x.status === 'requested');
  await b.page.goto(`/bookings/${booking.id}`);
  const seen = [];
  const change = async (n) => {
    await a.page.goto(`/bookings/${booking.id}/edit`);
    await a.page.locator('input[name=title]').fill(`改动 ${n}`);
    const before = await markTime(a.page, 'bench-edit');
    await a.page.getByTestId('submit-booking').click();
    await waitForMark(a.page, 'linli-booking-saved', before);
    const savedAt = await a.page.evaluate(() => performance.timeOrigin + performance.getEntriesByName('linli-booking-saved').at(-1).startTime);
    await b.page.waitForFunction((t) => document.querySelector('[data-testid=page-title]')?.textContent === t, `改动 ${n}`, { polling: 'raf', timeout: 60_000 });
    const shownAt = await b.page.evaluate(() => performance.timeOrigin + performance.now());
    return shownAt - savedAt;
  };
  for (let i = 0; i < Math.max(runs, 5); i++) {
    seen.push(await change(i));
    log('A to B', seen.at(-1));
  }
  const minute = Number(process.env.LINLI_BENCH_MINUTE_MS ?? 60_000);
  const idle = await measureMinute([meterA, meterB], minute);
  log('idle minute', idle);
  let n = 100;
  const busy = await measureMinute([meterA, meterB], minute, async () => {
    const until = Date.now() + minute - 6_000;
    while (Date.now() < until) {
      await change(n++);
      await new Promise((r) => setTimeout(r, 3_000));
    }
  });
  log('busy minute', busy, `${n - 100} changes`);
  await a.context.close();
  await b.context.close();

  const m = (xs) => Math.round(median(xs));
  result = {
    when: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, chromium: browser.version(), throttle: THROTTLE, runs },
    server: 'Apache CouchDB 3.5.0 (built from source, single node) on 127.0.0.1, through the app\'s own /couchdb/ proxy',
    records: count,
    first_sync_ms: m(first),
    pouchdb_replicate_ms: m(pouch),
    first_sync_vs_pouchdb: +(median(first) / median(pouch)).toFixed(2),
    push_100_ms: m(push),
    a_to_b_ms: m(seen),
    per_minute: {
      idle: { requests: idle[1].requests, bytes: idle[1].bytes, long_polls_open: idle[1].open },
      busy_editing_phone: { requests: busy[0].requests, bytes: busy[0].bytes, changes: n - 100 },
      busy_watching_phone: { requests: busy[1].requests, bytes: busy[1].bytes },
    },
    samples: { first, pouch, push, seen },
  };
} finally {
  await browser?.close();
  app?.kill();
  refServer?.kill();
  await couch.stop();
}
writeFileSync(join(ROOT, 'target/bench/sync.json'), JSON.stringify(result, null, 2));
const r = result;
const rows = [
  [`first sync, ${r.records} records, empty phone`, `${r.first_sync_ms} ms`, `${r.pouchdb_replicate_ms} ms (Linli ${r.first_sync_vs_pouchdb}×)`, '≤ PouchDB'],
  ['100 changed records saved → on the server', `${r.push_100_ms} ms`, '', ''],
  ['a change on A shown on B (median)', `${r.a_to_b_ms} ms`, '', '≤ 2,000 ms'],
  ['one phone, idle minute', `${r.per_minute.idle.requests} requests, ${r.per_minute.idle.bytes} B, ${r.per_minute.idle.long_polls_open} long-polls open`, '', ''],
  [`editing phone, busy minute (${r.per_minute.busy_editing_phone.changes} changes)`, `${r.per_minute.busy_editing_phone.requests} requests, ${r.per_minute.busy_editing_phone.bytes} B`, '', ''],
  ['watching phone, same minute', `${r.per_minute.busy_watching_phone.requests} requests, ${r.per_minute.busy_watching_phone.bytes} B`, '', ''],
];
const table = ['| figure | Linli | PouchDB replicate.from | target |', '|---|---|---|---|', ...rows.map((x) => `| ${x.join(' | ')} |`)].join('\n');
console.log(`sync: CPU ${THROTTLE}× throttled; median of ${runs}; ${r.machine.cpu}, ${r.machine.cpus} cores; Chromium ${r.machine.chromium}; ${r.server}\n`);
console.log(table);
writeFileSync(join(ROOT, 'target/bench/sync.md'), table + '\n');
