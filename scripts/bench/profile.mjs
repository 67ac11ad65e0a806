// Where Linli spends its time: records a CPU profile (DevTools protocol
// `Profiler`) of one import into an empty phone (its preview and its write
// apart), one import of the same file again, one export, five booking
// saves and one cold start (a new tab to Today's data), and prints the
// functions with the most self time in each. Point it at a build that keeps wasm names — scripts/bench.sh
// --profile makes one — so Rust functions show by name.
//
//   node scripts/bench/profile.mjs <dist> <data.json> [--top 25] [--throttle 4 (default)]
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, CHROMIUM, serve } from './common.mjs';

const [distArg, dataArg] = process.argv.slice(2).filter((a) => !a.startsWith('--') && isNaN(Number(a)));
const args = process.argv.slice(2);
const top = Number(args[args.indexOf('--top') + 1]) || 25;
const throttle = Number(args[args.indexOf('--throttle') + 1]) || 4;
const dist = resolve(distArg ?? 'dist');
const text = readFileSync(resolve(dataArg ?? 'target/bench/medium-7.json'), 'utf8');
const PORT = 8272;

const server = await serve(dist, PORT);
process.on('exit', () => server.kill());

/** Self time per function (ms) over one or more profiles, biggest first. */
function selfTimes(profiles) {
  const hits = new Map();
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const f = byId.get(id).callFrame;
      const name = `${f.functionName || '(anonymous)'}  ${f.url.split('/').pop()}`;
      hits.set(name, (hits.get(name) ?? 0) + dt);
    });
  }
  const total = [...hits.values()].reduce((a, b) => a + b, 0);
  return { total, rows: [...hits].sort((a, b) => b[1] - a[1]).slice(0, top) };
}

/** Runs `action` under the profiler; its profile, also saved as `label`. */
async function record(cdp, label, action) {
  await cdp.send('Profiler.start');
  await action();
  const { profile } = await cdp.send('Profiler.stop');
  mkdirSync(join(ROOT, 'target/bench'), { recursive: true });
  writeFileSync(join(ROOT, `target/bench/${label}.cpuprofile`), JSON.stringify(profile));
  return profile;
}

function report(label, profiles, marks) {
  const { total, rows } = selfTimes(profiles);
  console.log(`\n## ${label}: ${Math.round(total)} ms sampled (target/bench/${label}*.cpuprofile)\nmarks: ${marks.join(', ')}`);
  for (const [name, ms] of rows) console.log(`${ms.toFixed(0).padStart(7)} ms  ${(100 * ms / total).toFixed(1).padStart(5)} %  ${name}`);
}

const pageMarks = (page) =>
  page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name.replace('linli-', '')} ${Math.round(m.startTime)}`));

async function profiled(page, cdp, label, action) {
  const profile = await record(cdp, label, action);
  report(label, [profile], await pageMarks(page));
}

const profileDir = mkdtempSync(join(tmpdir(), 'linli-profile-'));
const context = await chromium.launchPersistentContext(profileDir, {
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  viewport: { width: 390, height: 844 },
  acceptDownloads: true,
  baseURL: `http://127.0.0.1:${PORT}`,
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('/');
  await page.getByTestId('start-empty').click();
  await page.locator('[data-tab=data]').click();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const waitMark = (n) => page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, n, { timeout: 600_000, polling: 100 });
  const preview = async () => {
    await page.evaluate(() => performance.clearMarks());
    await page.locator('input[name=import-file]').setInputFiles({ name: 'data.json', mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
    await waitMark('linli-import-preview');
  };
  const apply = async () => {
    if ((await page.getByTestId('import-nothing').count()) === 0) {
      await page.getByTestId('apply-import').click();
      await waitMark('linli-import-done');
    } else {
      await page.getByTestId('cancel-import').click().catch(() => {});
    }
  };
  await profiled(page, cdp, 'import-empty-preview', preview);
  await profiled(page, cdp, 'import-empty-write', apply);
  await profiled(page, cdp, 'import-again', async () => {
    await preview();
    await apply();
  });
  await profiled(page, cdp, 'export', async () => {
    await page.evaluate(() => performance.clearMarks());
    await Promise.all([page.waitForEvent('download'), page.getByTestId('export-all').click()]);
    await waitMark('linli-export-ready');
  });
  // Booking saves: only the taps on save are profiled, not the typing;
  // the five saves' profiles are summed.
  const saves = [];
  for (let i = 0; i < 5; i++) {
    const date = new Date(Date.now() + (i + 1) * 86_400_000).toISOString().slice(0, 10);
    await page.locator('[data-tab=spaces]').click();
    await page.getByRole('link', { name: '1号活动室' }).first().click();
    await page.getByTestId('book-space').click();
    await page.locator('input[name=date]').fill(date);
    await page.locator('input[name=start]').fill('07:00');
    await page.locator('input[name=end]').fill('07:30');
    await page.locator('input[name=title]').fill(`晨练 ${i}`);
    await page.locator('input[name=organiser]').fill('王芳');
    await page.evaluate(() => performance.clearMarks());
    saves.push(await record(cdp, `booking-save-${i + 1}`, async () => {
      await page.getByTestId('submit-booking').click();
      await waitMark('linli-booking-saved');
    }));
  }
  report('booking-save (5 saves)', saves, await pageMarks(page));
  // A cold start: a new tab, profiled from before its navigation.
  const tab = await context.newPage();
  const tabCdp = await context.newCDPSession(tab);
  await tabCdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await tabCdp.send('Profiler.enable');
  await tabCdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await profiled(tab, tabCdp, 'cold-start', async () => {
    await tab.goto('/');
    await tab.waitForFunction(() => performance.getEntriesByName('linli-today-ready').length > 0, null, { timeout: 120_000, polling: 100 });
  });
} finally {
  await context.close();
  server.kill();
}
