// Phone to phone by animated QR code, measured: a roster of 40 volunteers
// (scripts/bench.sh generates it: 111 records) goes from a sending phone's
// screen to a receiving phone's camera, both with the CPU throttled 4x as
// mid-range phones. The camera is tests/e2e/fake-camera.js: this script
// copies what the sender's canvas shows to it as often as the receiver can
// take it, keeping only the newest picture, as a real camera would. Reports
// the sender's frames per second, the frames the receiver read, and the
// seconds from its first frame to the file whole and to the import preview.
// Writes target/bench/qr.{json,md}.
//
//   node scripts/bench/qr.mjs <roster.json> [--runs 3] [--out qr]
//
// --out names the report (target/bench/<out>.{json,md}): bench.sh sends the
// generated 40-volunteer roster (qr) and the demo's largest one (qr-demo).
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, THROTTLE, LAUNCH, PHONE, median, serve, throttled } from './common.mjs';

const args = process.argv.slice(2);
const dataFile = resolve(args.find((a, i) => !a.startsWith('--') && isNaN(Number(a)) && args[i - 1] !== '--out') ?? 'target/bench/roster-7.json');
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : 'qr';
const PORT = 8272;
const CAMERA = join(ROOT, 'tests/e2e/fake-camera.js');
const log = (...a) => console.error('[bench qr]', ...a);

const text = readFileSync(dataFile, 'utf8');
const roster = JSON.parse(text).records.activities[0];

/** A phone at the app's front door, empty, its CPU throttled. */
async function phone(browser, base, camera) {
  const context = await browser.newContext({ ...PHONE, baseURL: base });
  if (camera) await context.addInitScript({ path: CAMERA });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByTestId('start-empty').click();
  return { context, page };
}

async function transfer(browser, base) {
  // The sender holds the roster (imported from the file) and shows it.
  const sender = await phone(browser, base, false);
  await sender.page.locator('[data-tab=data]').click();
  await sender.page.locator('input[name=import-file]').setInputFiles({ name: 'roster.json', mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
  await sender.page.getByTestId('apply-import').click();
  await sender.page.getByTestId('imported').waitFor();
  await sender.page.goto(`/rosters/${roster.id}`);
  await sender.page.getByTestId('roster-more').locator('summary').click();
  await throttled(sender.context, sender.page);
  await sender.page.getByTestId('export-roster-qr').click();
  const canvas = sender.page.getByTestId('qr-canvas');
  await canvas.and(sender.page.locator(':not([data-frame="0"])')).waitFor();
  const records = Number((await sender.page.getByTestId('qr-sending').textContent()).match(/(\d+)\D*$/)[1]);
  const blocks = Number(await canvas.getAttribute('data-blocks'));

  const receiver = await phone(browser, base, true);
  await receiver.page.goto('/qr/receive');
  await receiver.page.getByTestId('qr-received').waitFor();
  await throttled(receiver.context, receiver.page);

  // The camera looks at the sender's screen from here on.
  const shownAt = async () => Number(await canvas.getAttribute('data-frame'));
  const firstShown = await shownAt();
  const started = Date.now();
  let pictures = 0;
  let last = '';
  let pending = null;
  let newest = null;
  const show = (url) => {
    newest = url;
    if (pending) return;
    const next = () => {
      const u = newest;
      newest = null;
      pictures += 1;
      pending = receiver.page.evaluate((v) => window.__camShow(v), u).catch(() => undefined).then(() => {
        pending = null;
        if (newest) next();
      });
    };
    next();
  };
  while (!(await receiver.page.evaluate(() => performance.getEntriesByName('linli-qr-whole').length > 0))) {
    if (Date.now() - started > 120_000) throw new Error('the transfer did not finish in two minutes');
    const url = await canvas.evaluate((c) => c.toDataURL('image/png'));
    if (url !== last) {
      last = url;
      show(url);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (Date.now() - started) / 1000;
  const sent = (await shownAt()) - firstShown;
  await receiver.page.waitForFunction(() => performance.getEntriesByName('linli-import-preview').length > 0, null, { timeout: 60_000 });
  const marks = await receiver.page.evaluate(() => ({
    frames: performance.getEntriesByName('linli-qr-frame').map((m) => m.startTime),
    whole: performance.getEntriesByName('linli-qr-whole')[0].startTime,
    preview: performance.getEntriesByName('linli-import-preview')[0].startTime,
  }));
  await receiver.page.getByTestId('import-preview').waitFor({ timeout: 30_000 });
  await sender.context.close();
  await receiver.context.close();
  const first = marks.frames[0];
  return {
    records,
    blocks,
    sender_fps: +(sent / seconds).toFixed(1),
    pictures,
    frames_read: marks.frames.length,
    read_fps: +(marks.frames.length / ((marks.whole - first) / 1000)).toFixed(1),
    // From the first Linli frame the receiver read: what a user waits once
    // the camera has the code in view.
    whole_s: +((marks.whole - first) / 1000).toFixed(2),
    preview_s: +((marks.preview - first) / 1000).toFixed(2),
    // From when the camera was pointed, the first read included.
    pointed_s: +seconds.toFixed(2),
  };
}

const server = await serve(join(ROOT, 'dist'), PORT);
const browser = await chromium.launch(LAUNCH);
const samples = [];
try {
  for (let i = 0; i < runs; i++) {
    const r = await transfer(browser, `http://127.0.0.1:${PORT}`);
    log(`run ${i + 1}:`, JSON.stringify(r));
    samples.push(r);
  }
} finally {
  await browser.close();
  server.kill();
}
const mid = (k) => median(samples.map((s) => s[k]));
const result = {
  when: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, throttle: THROTTLE, runs },
  data: { file: dataFile, bytes: Buffer.byteLength(text) },
  median: Object.fromEntries(Object.keys(samples[0]).map((k) => [k, mid(k)])),
  samples,
};
writeFileSync(join(ROOT, `target/bench/${out}.json`), JSON.stringify(result, null, 2));
const M = result.median;
const rows = [
  ['records sent / fountain blocks', `${M.records} / ${M.blocks}`, ''],
  ['frames shown by the sender per second', `${M.sender_fps}`, '8'],
  ['new frames the receiver read (per second)', `${M.frames_read} (${M.read_fps})`, ''],
  ['first frame read → file whole', `${M.whole_s} s`, '≤ 10 s'],
  ['first frame read → import preview', `${M.preview_s} s`, ''],
  ['camera pointed → file whole', `${M.pointed_s} s`, ''],
];
const table = ['| figure | median | target |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
console.log(`QR transfer of a roster (${dataFile}); both phones CPU ${THROTTLE}× throttled; median of ${runs}; ${result.machine.cpu}, ${result.machine.cpus} cores\n`);
console.log(table);
writeFileSync(join(ROOT, `target/bench/${out}.md`), table + '\n');
