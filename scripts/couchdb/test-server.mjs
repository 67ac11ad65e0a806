// A CouchDB-compatible server on 127.0.0.1 for the tests, the benchmark
// and trying sync locally: npm pouchdb-server, its databases on disk in a
// folder of its own (so it can be stopped and started again with its
// data), with a server admin. CouchDB itself behaves the same over HTTP.
//
//   node scripts/couchdb/test-server.mjs [--port 5984]   runs until stopped,
//   with admin "admin" / "admin" and the community "demo" (accounts
//   li / li: committee, wang / wang: resident).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setUpCommunity } from './setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = join(root, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server');

async function waitUntilUp(url, ms = 20_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {}
    if (Date.now() > until) throw new Error(`the test server at ${url} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts the server on `port` with its data in `dir` (a new temporary
 * folder unless given). Returns its address, the admin's credentials,
 * and `stop()` / `start()` to take it away and bring it back.
 */
export async function startCouch({ port = 5985, dir, admin = 'admin:admin' } = {}) {
  const folder = dir ?? (await mkdtemp(join(tmpdir(), 'linli-couch-')));
  const url = `http://127.0.0.1:${port}/`;
  let child = null;
  const start = async () => {
    child = spawn(
      process.execPath,
      [binary, '--host', '127.0.0.1', '--port', String(port), '--dir', folder, '--config', join(folder, 'config.json'), '--no-stdout-logs'],
      { cwd: folder, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr.on('data', (d) => process.env.LINLI_COUCH_LOG && process.stderr.write(d));
    await waitUntilUp(url);
    // The first admin turns on access control (until then every request
    // is an admin's). Known already after a restart.
    const [name, password] = admin.split(':');
    await fetch(new URL(`/_config/admins/${name}`, url), { method: 'PUT', body: JSON.stringify(password) });
    // Sessions as a deployment should have them (README, "Sync"): a
    // month long, kept across browser restarts, and — pouchdb-server draws
    // a new secret at every start unless one is set — across server restarts.
    const settings = JSON.parse(await readFile(join(folder, 'config.json'), 'utf8').catch(() => '{}'));
    const wanted = {
      secret: settings.couch_httpd_auth?.secret ?? randomBytes(16).toString('hex'),
      timeout: '2592000',
      allow_persistent_cookies: 'true',
    };
    const authorization = 'Basic ' + Buffer.from(admin).toString('base64');
    for (const [key, value] of Object.entries(wanted)) {
      await fetch(new URL(`/_config/couch_httpd_auth/${key}`, url), { method: 'PUT', headers: { authorization }, body: JSON.stringify(value) });
    }
  };
  const stop = async () => {
    if (!child) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    child = null;
  };
  await start();
  return { url, admin, dir: folder, start, stop };
}

// Run as a program (not imported): no top-level await, so the file can
// also be imported.
//   node scripts/couchdb/test-server.mjs [--port 5984] [--dir FOLDER] [--bare]
// --bare leaves out the "demo" community and its accounts.
async function main() {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args[i + 1];
  };
  const port = Number(option('--port') ?? args.find((a) => /^\d+$/.test(a)) ?? 5984);
  const couch = await startCouch({ port, dir: option('--dir') });
  if (!args.includes('--bare')) {
    await setUpCommunity({
      server: couch.url,
      admin: couch.admin,
      community: 'demo',
      users: [
        { name: 'li', password: 'li', role: 'committee' },
        { name: 'wang', password: 'wang', role: 'resident' },
      ],
    });
    console.log(`community "demo": li/li (committee), wang/wang (resident)`);
  }
  console.log(`sync server ready on ${couch.url} (data in ${couch.dir}); admin admin/admin`);
  const quit = async () => {
    await couch.stop();
    process.exit(0);
  };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e.message ?? e);
    process.exit(1);
  });
}
