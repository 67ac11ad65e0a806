// What the benchmark scripts share: the browser they drive, the phone they
// pretend to be, the throttle, a median, and serving a folder on loopback.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const THROTTLE = 4;
export const LAUNCH = { executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] };
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true };

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Serves `dir` on 127.0.0.1:`port` (scripts/serve-dist.mjs, with /couchdb/
 * proxied to `couch` when given); resolves with the server once `probe` answers.
 */
export function serve(dir, port, { couch, probe = '/' } = {}) {
  const args = [join(ROOT, 'scripts/serve-dist.mjs'), dir, String(port), ...(couch ? [couch] : [])];
  const server = spawn('node', args, { stdio: 'ignore' });
  return new Promise(async (ok, fail) => {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}${probe}`)).ok) return ok(server);
      } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
    fail(new Error(`no server on ${port}`));
  });
}

/** Throttles `page`'s CPU by THROTTLE; the DevTools session it used. */
export async function throttled(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  return cdp;
}
