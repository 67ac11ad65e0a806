// Linli's benchmark: drives the release build in headless Chromium with the
// CPU throttled 4x and reports the median of several runs of each figure,
// next to two plain-JavaScript references loading the same records (raw
// IndexedDB, the floor; Dexie.js, what one would pick instead), plus a
// Lighthouse audit. Run it through scripts/bench.sh, which builds and
// generates what it needs. Writes target/bench/report.json.
//
//   node scripts/bench/run.mjs <big.json> [--runs 5] [--no-lighthouse]
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, copyFileSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { sizes, total as sum } from '../file-sizes.mjs';
import { ROOT, CHROMIUM, THROTTLE, LAUNCH, PHONE, median, serve, throttled } from './common.mjs';

const args = process.argv.slice(2);
const dataFile = resolve(args.find((a) => !a.startsWith('--') && isNaN(Number(a))) ?? 'target/bench/big-7.json');
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const lighthouse = !args.includes('--no-lighthouse');
const APP_PORT = 8270;
const REF_PORT = 8271;

const log = (...a) => console.error('[bench]', ...a);

/** The page's performance marks, by name: the last of each. */
async function marks(page) {
  return page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
}

async function waitForMark(page, name, timeout = 300_000) {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout, polling: 50 });
}

// 1. What a first visit downloads: every response from the app's origin,
//    the service worker's precache included, compressed as a host would.
/**
 * A first visit's downloads: the critical path (what the page fetched
 * before its first screen showed) and everything (with what the service
 * worker fetched for offline use after).
 */
async function firstLoad(browser, base) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const paths = new Set();
  const critical = new Set();
  let shown = false;
  context.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin !== base) return;
    paths.add(url.pathname);
    // The page's own requests until its first screen shows; not the
    // service worker's precache, which runs beside them.
    if (!shown && !r.serviceWorker()) critical.add(url.pathname);
  });
  await page.goto(base + '/');
  await page.getByTestId('load-demo').waitFor();
  shown = true;
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForTimeout(1500);
  await context.close();
  const measure = (list) => {
    const files = [...new Set(list)].sort().map((p) => sizes(p, readFileSync(join(ROOT, 'dist', p === '/' ? 'index.html' : p.slice(1)))));
    return { files, total: sum(files) };
  };
  const all = measure([...paths]);
  return { ...all, critical: measure([...critical]) };
}

function stepMedians(runs) {
  const names = Object.keys(runs[0]?.steps ?? {});
  return Object.fromEntries(names.map((n) => [n, median(runs.map((r) => r.steps[n]))]));
}

async function importInApp(page, text) {
  await page.evaluate(() => performance.clearMarks());
  await page.locator('input[name=import-file]').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
  await waitForMark(page, 'linli-import-preview');
  const apply = page.getByTestId('apply-import');
  const nothing = (await page.getByTestId('import-nothing').count()) > 0;
  if (!nothing) {
    await apply.click();
    await waitForMark(page, 'linli-import-done');
  }
  const m = await marks(page);
  const preview = m['linli-import-preview'] - m['linli-import-start'];
  // From the tap on Apply (settling the choices included) to the data stored.
  const write = nothing ? 0 : m['linli-import-done'] - m['linli-import-apply'];
  // Where the preview's time goes, step by step (marks in parts/import.rs).
  const names = ['start', 'read', 'parsed', 'local', 'checked', 'preview'];
  const steps = Object.fromEntries(names.slice(1).map((n, i) => [n, Math.round(m[`linli-import-${n}`] - m[`linli-import-${names[i]}`])]));
  return { preview, write, total: preview + write, steps };
}

async function linli(browser, base, text) {
  const profile = mkdtempSync(join(tmpdir(), 'linli-bench-'));
  const context = await chromium.launchPersistentContext(profile, { ...LAUNCH, ...PHONE, baseURL: base });
  const page = context.pages()[0] ?? (await context.newPage());
  const out = { importEmpty: [], importAgain: [], coldStart: [], coldStartSteps: [], export: [], search: [], bookingSave: [], report: [], reportTrend: [] };
  try {
    await page.goto('/');
    await page.getByTestId('start-empty').click();
    await page.locator('[data-tab=data]').click();
    await throttled(context, page);

    // 3. Import into an empty database, then the same file again.
    for (let i = 0; i < runs; i++) {
      if (i > 0) {
        // Empty the phone between runs (the backup it saves is not timed).
        await page.getByTestId('clear-data').click();
        await Promise.all([page.waitForEvent('download'), page.getByTestId('clear-data-yes').click()]);
        await page.getByTestId('start-empty').click();
        await page.locator('[data-tab=data]').click();
      }
      const r = await importInApp(page, text);
      out.importEmpty.push(r);
      log('import into empty', r);
    }
    for (let i = 0; i < runs; i++) {
      const r = await importInApp(page, text);
      out.importAgain.push(r);
      log('import again', r);
      await page.getByTestId('cancel-import').click().catch(() => {});
    }

    // 4. Export of the whole database (read, build the file; not the download).
    for (let i = 0; i < runs; i++) {
      await page.evaluate(() => performance.clearMarks());
      await Promise.all([page.waitForEvent('download'), page.getByTestId('export-all').click()]);
      await waitForMark(page, 'linli-export-ready');
      const m = await marks(page);
      out.export.push(m['linli-export-ready'] - m['linli-export-start']);
      log('export', out.export.at(-1));
    }

    // 2. Cold start: a new tab, navigation to Today's data painted.
    for (let i = 0; i < runs; i++) {
      const tab = await context.newPage();
      await throttled(context, tab);
      await tab.goto('/');
      await waitForMark(tab, 'linli-today-ready');
      const m = await marks(tab);
      // Where a cold start's time goes: the wasm running, the database
      // open, the app's state read, Today's data painted.
      const steps = ['boot-wasm', 'boot-store', 'boot-state', 'today-ready'].map((n) => Math.round(m[`linli-${n}`]));
      out.coldStart.push(m['linli-today-ready']);
      out.coldStartSteps.push(steps);
      log('cold start', m['linli-today-ready'], steps.join(' / '));
      await tab.close();
    }

    // 5. Search as you type over every volunteer: keystroke to painted list.
    await page.locator('[data-tab=volunteers]').click();
    await page.getByTestId('volunteer').first().waitFor({ timeout: 120_000 });
    for (let i = 0; i < runs; i++) {
      const times = await page.evaluate(async (query) => {
        const input = document.querySelector('input[name=search]');
        const out = [];
        for (let n = 1; n <= query.length; n++) {
          const start = performance.now();
          input.value = query.slice(0, n);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          out.push(performance.now() - start);
        }
        input.value = '';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return out;
      }, '王芳1');
      out.search.push(median(times));
      log('search', times);
    }

    // 6. Saving a booking with 20,000 in the database.
    const day = new Date(Date.now() + 86_400_000);
    for (let i = 0; i < runs; i++) {
      const date = new Date(day.getTime() + i * 86_400_000).toISOString().slice(0, 10);
      await page.locator('[data-tab=spaces]').click();
      await page.getByRole('link', { name: '1号活动室' }).first().click();
      await page.getByTestId('book-space').click();
      await page.locator('input[name=date]').fill(date);
      await page.locator('input[name=start]').fill('07:00');
      await page.locator('input[name=end]').fill('07:30');
      await page.locator('input[name=title]').fill(`晨练 ${i}`);
      await page.locator('input[name=organiser]').fill('王芳');
      await page.evaluate(() => performance.clearMarks());
      await page.getByTestId('submit-booking').click();
      await waitForMark(page, 'linli-booking-saved');
      const m = await marks(page);
      out.bookingSave.push(m['linli-booking-saved'] - m['linli-booking-save']);
      log('booking save', out.bookingSave.at(-1));
    }

    // 7. Last month's report: the tap on the Data tab's link to the
    //    month's figures, charts and tables drawn (then the 12-month trend).
    for (let i = 0; i < runs; i++) {
      await page.locator('[data-tab=data]').click();
      await page.getByTestId('open-report').waitFor();
      await page.evaluate(() => {
        performance.clearMarks();
        performance.mark('bench-report-tap');
      });
      await page.getByTestId('open-report').click();
      await waitForMark(page, 'linli-report-drawn');
      await waitForMark(page, 'linli-report-trend-drawn');
      const m = await marks(page);
      out.report.push(m['linli-report-drawn'] - m['bench-report-tap']);
      out.reportTrend.push(m['linli-report-trend-drawn'] - m['bench-report-tap']);
      log('monthly report', out.report.at(-1), 'with its trend', out.reportTrend.at(-1));
    }
  } finally {
    await context.close();
  }
  return out;
}

async function reference(browser, base, name, text) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${base}/${name}.html`);
  await page.waitForFunction(() => window.reference);
  await throttled(context, page);
  const out = { write: [], read: [] };
  for (let i = 0; i < runs; i++) {
    await page.evaluate(() => window.reference.clear());
    out.write.push(await page.evaluate((t) => window.reference.write(t), text));
    out.read.push((await page.evaluate(() => window.reference.read())).ms);
    log(name, out.write.at(-1), out.read.at(-1));
  }
  await context.close();
  return out;
}

function audit(base) {
  const report = join(ROOT, 'target/bench/lighthouse.json');
  execFileSync(
    join(ROOT, 'scripts/bench/node_modules/.bin/lighthouse'),
    [`${base}/`, '--quiet', '--output=json', `--output-path=${report}`, '--only-categories=performance,accessibility,best-practices', '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage'],
    { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const r = JSON.parse(readFileSync(report, 'utf8'));
  return Object.fromEntries(Object.entries(r.categories).map(([k, c]) => [k, Math.round(c.score * 100)]));
}

mkdirSync(join(ROOT, 'target/bench'), { recursive: true });
const text = readFileSync(dataFile, 'utf8');
const records = Object.values(JSON.parse(text).records).reduce((n, l) => n + l.length, 0);
const refs = mkdtempSync(join(tmpdir(), 'linli-refs-'));
for (const f of ['raw.html', 'dexie.html']) copyFileSync(join(ROOT, 'scripts/bench', f), join(refs, f));
copyFileSync(join(ROOT, 'scripts/bench/node_modules/dexie/dist/dexie.mjs'), join(refs, 'dexie.mjs'));
const app = await serve(join(ROOT, 'dist'), APP_PORT);
const refServer = await serve(refs, REF_PORT, { probe: '/raw.html' });
const browser = await chromium.launch(LAUNCH);
const base = `http://127.0.0.1:${APP_PORT}`;
let result;
try {
  const load = await firstLoad(browser, base);
  log('first load', load.total);
  const raw = await reference(browser, `http://127.0.0.1:${REF_PORT}`, 'raw', text);
  const dexie = await reference(browser, `http://127.0.0.1:${REF_PORT}`, 'dexie', text);
  const app = await linli(browser, base, text);
  const scores = lighthouse ? audit(base) : null;
  const m = (xs) => Math.round(median(xs));
  const importEmpty = m(app.importEmpty.map((r) => r.total));
  const exportMs = m(app.export);
  result = {
    when: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30), chromium: browser.version(), throttle: THROTTLE, runs },
    data: { file: dataFile, bytes: Buffer.byteLength(text), records },
    first_load: load,
    linli: {
      cold_start_ms: m(app.coldStart),
      cold_start_slowest_ms: Math.round(Math.max(...app.coldStart)),
      // Medians of the moments (ms from navigation) the wasm ran, the
      // database opened, the state was read, Today was painted.
      cold_start_steps_ms: [0, 1, 2, 3].map((i) => m(app.coldStartSteps.map((s) => s[i]))),
      import_empty_ms: importEmpty,
      import_empty_preview_ms: m(app.importEmpty.map((r) => r.preview)),
      import_empty_write_ms: m(app.importEmpty.map((r) => r.write)),
      import_again_ms: m(app.importAgain.map((r) => r.total)),
      // Medians per step: the file's text, parsed into records, the phone's
      // records read, checked, compared (the preview).
      import_empty_steps_ms: stepMedians(app.importEmpty),
      import_again_steps_ms: stepMedians(app.importAgain),
      export_ms: exportMs,
      search_keystroke_ms: Math.round(median(app.search) * 10) / 10,
      booking_save_ms: Math.round(median(app.bookingSave) * 10) / 10,
      report_month_ms: Math.round(median(app.report)),
      report_trend_ms: Math.round(median(app.reportTrend)),
    },
    references: {
      raw_indexeddb: { write_ms: m(raw.write), read_ms: m(raw.read) },
      dexie: { write_ms: m(dexie.write), read_ms: m(dexie.read) },
    },
    ratios: {
      import_vs_raw: +(importEmpty / median(raw.write)).toFixed(2),
      import_vs_dexie: +(importEmpty / median(dexie.write)).toFixed(2),
      export_vs_raw_read: +(exportMs / median(raw.read)).toFixed(2),
      export_vs_dexie_read: +(exportMs / median(dexie.read)).toFixed(2),
    },
    lighthouse: scores,
    samples: { app, raw, dexie },
  };
} finally {
  await browser.close();
  app.kill();
  refServer.kill();
}
writeFileSync(join(ROOT, 'target/bench/report.json'), JSON.stringify(result, null, 2));

const L = result.linli;
const rows = [
  ['first visit before Today works, brotli', `${result.first_load.critical.total.brotli} B`, '', '', '≤ 204,800 B'],
  ['first visit in all (with the offline cache), brotli', `${result.first_load.total.brotli} B`, '', '', ''],
  ['cold start to Today (slowest run)', `${L.cold_start_ms} ms (${L.cold_start_slowest_ms} ms)`, '', '', '≤ 800 ms every run'],
  ['  at: wasm runs / database open / state read / Today painted', L.cold_start_steps_ms.join(' / ') + ' ms', '', '', ''],
  ['import into empty', `${L.import_empty_ms} ms`, `${result.references.raw_indexeddb.write_ms} ms (${result.ratios.import_vs_raw}×)`, `${result.references.dexie.write_ms} ms (${result.ratios.import_vs_dexie}×)`, '≤ Dexie'],
  ['  of which check + preview', `${L.import_empty_preview_ms} ms`, '', '', ''],
  ['  of which write', `${L.import_empty_write_ms} ms`, '', '', ''],
  ['import again (all unchanged)', `${L.import_again_ms} ms`, '', '', '≤ 1,500 ms'],
  ['  steps: text / parse / phone read / check / compare', Object.values(L.import_again_steps_ms).map((v) => `${v}`).join(' / ') + ' ms', '', '', ''],
  ['export everything', `${L.export_ms} ms`, `${result.references.raw_indexeddb.read_ms} ms (${result.ratios.export_vs_raw_read}×)`, `${result.references.dexie.read_ms} ms (${result.ratios.export_vs_dexie_read}×)`, '≤ 1.3× raw'],
  ['search, per keystroke', `${L.search_keystroke_ms} ms`, '', '', '≤ 16 ms'],
  ['booking save', `${L.booking_save_ms} ms`, '', '', '≤ 20 ms'],
  ['monthly report, last month drawn', `${L.report_month_ms} ms`, '', '', '≤ 300 ms'],
  ['  with its 12-month trend', `${L.report_trend_ms} ms`, '', '', ''],
];
if (result.lighthouse) rows.push(['Lighthouse perf / a11y / best', `${result.lighthouse.performance} / ${result.lighthouse.accessibility} / ${result.lighthouse['best-practices']}`, '', '', '≥ 95 / 100 / 100']);
const table = ['| figure | Linli | raw IndexedDB | Dexie.js | target |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
console.log(`${records} records, ${(result.data.bytes / 2 ** 20).toFixed(1)} MB; CPU ${THROTTLE}× throttled; median of ${runs}; ${result.machine.cpu}, ${result.machine.cpus} cores; Chromium ${result.machine.chromium}\n`);
console.log(table);
writeFileSync(join(ROOT, 'target/bench/report.md'), table + '\n');
