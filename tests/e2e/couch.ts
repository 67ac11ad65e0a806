import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

// The sync server of the end-to-end tests: Apache CouchDB 3.5.0 itself
// (scripts/couchdb/local-server.mjs, built by scripts/setup.sh test) on
// 127.0.0.1, its data in a folder of its own so a test can stop it and
// start it again, set up with scripts/couchdb/setup.mjs as an admin sets up
// a deployment.

export const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);

export const USERS = [
  { name: 'li', password: 'li-pw', role: 'committee' },
  { name: 'zhang', password: 'zhang-pw', role: 'committee' },
  { name: 'wang', password: 'wang-pw', role: 'resident' },
  { name: 'zhao', password: 'zhao-pw', role: 'resident' },
];
export const PASSWORD: Record<string, string> = Object.fromEntries(USERS.map((u) => [u.name, u.password]));

export class Couch {
  readonly url: string;
  readonly admin = 'admin:admin';
  private readonly dir = mkdtempSync(join(tmpdir(), 'linli-e2e-couch-'));
  private child: ChildProcess | null = null;

  constructor(readonly port: number) {
    this.url = `http://127.0.0.1:${port}/`;
  }

  async start() {
    const child = spawn(process.execPath, ['scripts/couchdb/local-server.mjs', '--port', String(this.port), '--dir', this.dir, '--bare'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.child = child;
    await new Promise<void>((ready, failed) => {
      child.stdout!.on('data', (d) => String(d).includes('ready') && ready());
      child.once('exit', (code) => failed(new Error(`the sync server stopped (${code})`)));
    });
  }

  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await gone;
    this.child = null;
  }

  /**
   * A community's two databases, their security and validation; with the
   * accounts `users` (all of USERS when `true`) given their role in it.
   */
  async community(name: string, users: boolean | { name: string; password: string; role: string }[] = false) {
    // The committee's key file goes beside the server's data, never into the checkout.
    const args = ['scripts/couchdb/setup.mjs', '--server', this.url, '--admin', this.admin, '--community', name, '--key-dir', this.dir];
    for (const u of users === true ? USERS : users || []) args.push('--user', `${u.name}:${u.password}:${u.role}`);
    await run(process.execPath, args, { cwd: ROOT });
  }

  /** Compacts `community`'s two databases as an admin does after an erasure (setup.mjs --compact). */
  async compact(name: string) {
    const args = ['scripts/couchdb/setup.mjs', '--server', this.url, '--admin', this.admin, '--community', name, '--key-dir', this.dir, '--compact'];
    await run(process.execPath, args, { cwd: ROOT });
  }

  /** The committee's contact key file setup.mjs wrote for `community`. */
  keyFile(community: string): string {
    return join(this.dir, `${community}-contact-key.json`);
  }

  /** The headers of a request as `user` (name:password), or the admin. */
  static auth(user: string): Record<string, string> {
    return { authorization: 'Basic ' + Buffer.from(user).toString('base64'), 'content-type': 'application/json' };
  }
}

/** The built app on `port`, with /couchdb/ passed to `couch`. */
export async function serveApp(port: number, couch: Couch): Promise<ChildProcess> {
  const app = spawn(process.execPath, ['scripts/serve-dist.mjs', 'dist', String(port), couch.url], { cwd: ROOT, stdio: 'ignore' });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return app;
    } catch {}
    if (i > 100) throw new Error('the app server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}
