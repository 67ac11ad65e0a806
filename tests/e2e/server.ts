import { spawn, ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** A static server of a built folder on `port`, of its own, so a test can stop it. */
export async function serve(dir: string, port: number): Promise<ChildProcess> {
  const server = spawn('node', [join(ROOT, 'scripts/serve-dist.mjs'), dir, String(port)], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return server;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the static server did not start');
}

/** Stops `server` (if it still runs) and waits until it has. */
export async function stop(server: ChildProcess) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  server.kill();
  await new Promise((r) => server.once('exit', r));
}
