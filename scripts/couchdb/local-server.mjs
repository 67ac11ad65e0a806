// Apache CouchDB 3.5.0 on this machine, for the tests, the benchmarks and
// trying sync locally: the build scripts/couchdb/build.sh made (run by
// scripts/setup.sh test), started on 127.0.0.1 with a data folder of its
// own (so it can be stopped and started again with its data), a server
// admin, and the settings the README's "Sync" recommends. Several can run
// side by side: each has its own port, node name and configuration.
//
//   node scripts/couchdb/local-server.mjs [--port 5984]   runs until stopped,
//   with admin "admin" / "admin" and the community "demo" (accounts
//   li / li: committee, wang / wang: resident). It listens on 127.0.0.1
//   only: never make it reachable from other machines.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setUpCommunity } from './setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The folder of the built CouchDB (building it the first time). */
function release() {
  if (process.env.LINLI_COUCHDB) return process.env.LINLI_COUCHDB;
  return execFileSync(join(root, 'scripts', 'couchdb', 'build.sh'), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

async function waitUntilUp(url, child, ms = 60_000) {
  const until = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`CouchDB stopped while starting (exit ${child.exitCode})`);
    try {
      const response = await fetch(new URL('/_up', url));
      if (response.ok) return;
    } catch {}
    if (Date.now() > until) throw new Error(`CouchDB at ${url} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts CouchDB on `port` with its data in `dir` (a new temporary folder
 * unless given). Returns its address, the admin's credentials, and
 * `stop()` / `start()` to take it away and bring it back.
 */
export async function startCouch({ port = 5985, dir, admin = 'admin:admin' } = {}) {
  const home = release();
  const folder = dir ?? (await mkdtemp(join(tmpdir(), 'linli-couch-')));
  const url = `http://127.0.0.1:${port}/`;
  const [name, password] = admin.split(':');
  await mkdir(join(folder, 'data'), { recursive: true });
  // The Erlang node's own port: no epmd, so instances never meet.
  const nodePort = port + 10_000;
  await writeFile(
    join(folder, 'vm.args'),
    [
      `-name linli${port}@127.0.0.1`,
      `-setcookie ${randomBytes(12).toString('hex')}`,
      '-kernel inet_dist_use_interface {127,0,0,1}',
      '-kernel error_logger silent',
      '-sasl sasl_error_logger false',
      '-start_epmd false',
      `-erl_epmd_port ${nodePort}`,
      '+Bd -noinput',
      '-os_mon start_cpu_sup false',
      '-os_mon start_memsup false',
      '',
    ].join('\n'),
  );
  // The settings the README recommends for a deployment, on loopback.
  const ini = join(folder, 'local.ini');
  await writeFile(
    ini,
    [
      '[couchdb]',
      'single_node = true',
      `database_dir = ${join(folder, 'data')}`,
      `view_index_dir = ${join(folder, 'data')}`,
      `uuid = ${randomBytes(16).toString('hex')}`,
      '[cluster]',
      'n = 1',
      '[chttpd]',
      `port = ${port}`,
      'bind_address = 127.0.0.1',
      '[httpd]',
      `port = ${port + 20_000}`,
      'bind_address = 127.0.0.1',
      '[chttpd_auth]',
      'timeout = 2592000',
      'allow_persistent_cookies = true',
      'same_site = strict',
      `secret = ${randomBytes(16).toString('hex')}`,
      '[log]',
      'level = warning',
      '[admins]',
      `${name} = ${password}`,
      '',
    ].join('\n'),
    { flag: 'wx' },
  ).catch((e) => {
    // Started before in this folder: its settings (and hashed admin) stay.
    if (e.code !== 'EEXIST') throw e;
  });
  let child = null;
  const start = async () => {
    child = spawn(join(home, 'bin', 'couchdb'), [], {
      cwd: home,
      env: {
        ...process.env,
        COUCHDB_ARGS_FILE: join(folder, 'vm.args'),
        COUCHDB_INI_FILES: `${join(home, 'etc', 'default.ini')} ${ini}`,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (d) => process.env.LINLI_COUCH_LOG && process.stderr.write(d));
    await waitUntilUp(url, child);
    // A single node makes its system databases a moment after it answers
    // /_up: make sure they are there before accounts are written (412:
    // they exist already).
    const authorization = 'Basic ' + Buffer.from(admin).toString('base64');
    for (const db of ['_users', '_replicator']) {
      for (let i = 0; ; i++) {
        const made = await fetch(new URL(db, url), { method: 'PUT', headers: { authorization } }).catch(() => null);
        if (made && (made.ok || made.status === 412)) break;
        if (i > 100) throw new Error(`CouchDB at ${url} did not create ${db}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  const stop = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
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
//   node scripts/couchdb/local-server.mjs [--port 5984] [--dir FOLDER] [--bare]
// --bare leaves out the "demo" community and its accounts.
async function main() {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args[i + 1];
  };
  const port = Number(option('--port') ?? args.find((a) => /^\d+$/.test(a)) ?? 5984);
  const couch = await startCouch({ port, dir: option('--dir') });
  const quit = async () => {
    await couch.stop();
    process.exit(0);
  };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
  if (!args.includes('--bare')) {
    await setUpCommunity({
      server: couch.url,
      admin: couch.admin,
      community: 'demo',
      // The committee's contact key file, beside the server's data.
      keyDir: couch.dir,
      log: (line) => console.log(line),
      users: [
        { name: 'li', password: 'li', role: 'committee' },
        { name: 'wang', password: 'wang', role: 'resident' },
      ],
    });
    console.log(`community "demo": li/li (committee), wang/wang (resident)`);
  }
  console.log(`sync server ready: Apache CouchDB on ${couch.url} (data in ${couch.dir}); admin admin/admin`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e.message ?? e);
    process.exit(1);
  });
}
