// Sets up a community on a CouchDB 3 server: its two databases, who may
// read them (_security), the validation design documents, and accounts.
// Safe to run again: what exists is updated.
//
//   node scripts/couchdb/setup.mjs --server http://127.0.0.1:5984 \
//     --admin admin:PASSWORD --community qingxi \
//     --user li:PASSWORD:committee --user wang:PASSWORD:resident
//
// Accounts are bound to their community: the role is
// "linli:qingxi:committee" or "linli:qingxi:resident", so one server holds
// many communities and an account of one is nobody in another. One account
// may belong to several communities, with a role in each (run this once per
// community). The committee database (qingxi) is readable and writable by
// the community's committee role only; the public one (qingxi-public) by its
// committee and resident roles, and its validation function lets a resident
// add a request in their own name and cancel it, nothing more.
//
// --user NAME::ROLE (no password) gives an existing account a role here and
// keeps its password.
//
// --compact then compacts both databases, so that no earlier revision of a
// document keeps what a later one erased (a person's phone number after
// they were erased): run it after an erasure, or on a schedule.
//
// The residents' contact key: a resident's phone seals the phone number and
// room of a booking request to the community's committee (ECDH P-256, then
// AES-GCM; see ARCHITECTURE.md), so the public database holds them only as
// ciphertext. The first setup of a community makes the key pair: the public
// key goes into the public database's design document, where residents'
// phones read it; the private key is written to
// <key-dir>/<community>-contact-key.json (--key-dir, the current folder by
// default) and never to the server: import that file on each committee
// phone (Data → 居民联系密钥), then keep it offline. Later runs keep the
// key; --new-contact-key makes a new one (requests sealed to the old key
// can then be opened only by phones that still hold it). Servers set up before accounts were bound (roles
// "committee" and "resident" alone) are moved over when this is run again:
// see moveOldAccounts below.
import { createHash, webcrypto } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const ROLES = ['committee', 'resident'];
/** The roles every account had before accounts were bound to a community. */
const OLD_ROLES = ROLES;

/** The server role of `role` in `community`. */
export const roleIn = (community, role) => `linli:${community}:${role}`;

async function call(server, admin, method, path, body) {
  const response = await fetch(new URL(path, server), {
    method,
    headers: {
      authorization: 'Basic ' + Buffer.from(admin).toString('base64'),
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: response.status, json };
}

/** Puts a document, on top of its current revision if there is one. */
async function put(server, admin, path, doc) {
  const current = await call(server, admin, 'GET', path);
  const body = current.status === 200 ? { ...doc, _rev: current.json._rev } : doc;
  const result = await call(server, admin, 'PUT', path, body);
  if (result.status >= 300) throw new Error(`PUT ${path}: ${result.status} ${JSON.stringify(result.json)}`);
}

async function database(server, admin, name) {
  const result = await call(server, admin, 'PUT', `/${encodeURIComponent(name)}`);
  // 412: it exists already.
  if (result.status >= 300 && result.status !== 412) {
    throw new Error(`creating ${name}: ${result.status} ${JSON.stringify(result.json)}`);
  }
}

const userPath = (name) => `/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;

/**
 * Gives `name` the role `role` in `community` (and no other role there),
 * keeping its roles in other communities; creates the account if it is
 * new. Without a password an existing account keeps its own.
 */
async function account(server, admin, community, { name, password, role }) {
  const current = await call(server, admin, 'GET', userPath(name));
  const existing = current.status === 200 ? current.json : null;
  if (!existing && !password) throw new Error(`account ${name} does not exist yet: give it a password`);
  const here = new Set(ROLES.map((r) => roleIn(community, r)));
  const roles = (existing?.roles ?? []).filter((r) => !here.has(r));
  roles.push(roleIn(community, role));
  const doc = { ...(existing ?? {}), _id: `org.couchdb.user:${name}`, name, roles, type: 'user' };
  if (password) doc.password = password;
  const result = await call(server, admin, 'PUT', userPath(name), doc);
  if (result.status >= 300) throw new Error(`account ${name}: ${result.status} ${JSON.stringify(result.json)}`);
}

/**
 * The communities of a server set up before accounts were bound: those
 * whose committee database still lets the bare "committee" role in.
 */
async function oldCommunities(server, admin) {
  const all = await call(server, admin, 'GET', '/_all_dbs');
  const names = (all.json ?? []).filter((n) => !n.startsWith('_') && all.json.includes(`${n}-public`));
  const old = [];
  for (const name of names) {
    const security = await call(server, admin, 'GET', `/${encodeURIComponent(name)}/_security`);
    if (security.json?.members?.roles?.includes('committee')) old.push(name);
  }
  return old;
}

/**
 * Moves the accounts of a server set up the old way: an account with the
 * bare role "committee" or "resident" takes that role in `community`, if
 * `community` is the only community set up the old way (then those
 * accounts can only be its own). With several, which account belongs
 * where cannot be told: nothing moves, and the accounts are listed for the
 * admin to name with --user NAME::ROLE.
 */
async function moveOldAccounts(server, admin, community, log) {
  const users = await call(server, admin, 'GET', '/_users/_all_docs?include_docs=true');
  const old = (users.json?.rows ?? [])
    .map((r) => r.doc)
    .filter((d) => d?.type === 'user' && d.roles?.some((r) => OLD_ROLES.includes(r)));
  if (old.length === 0) return;
  const communities = await oldCommunities(server, admin);
  if (communities.length !== 1 || communities[0] !== community) {
    log(
      `${old.length} account(s) still have the old unbound roles (${old.map((d) => d.name).join(', ')}), and the server ` +
        `has ${communities.length} communities set up the old way (${communities.join(', ')}): name each account's ` +
        `community with --user NAME::ROLE when setting that community up.`,
    );
    return;
  }
  for (const doc of old) {
    const roles = doc.roles.filter((r) => !OLD_ROLES.includes(r));
    for (const role of ROLES) {
      if (doc.roles.includes(role) && !roles.includes(roleIn(community, role))) roles.push(roleIn(community, role));
    }
    const result = await call(server, admin, 'PUT', userPath(doc.name), { ...doc, roles });
    if (result.status >= 300) throw new Error(`moving account ${doc.name}: ${result.status} ${JSON.stringify(result.json)}`);
    log(`account ${doc.name}: ${roles.join(', ')}`);
  }
}

/** A short name of a public key, the same on every phone: its SHA-256, 16 hex digits. */
function keyId(jwk) {
  return createHash('sha256').update(`${jwk.crv}:${jwk.x}:${jwk.y}`).digest('hex').slice(0, 16);
}

/**
 * The community's contact key: the one its public design document holds,
 * or a new pair whose private half is written to `keyDir`.
 */
async function contactKey(server, admin, community, publicName, { keyDir, newKey, log }) {
  const current = await call(server, admin, 'GET', `/${encodeURIComponent(publicName)}/_design/linli`);
  const held = current.status === 200 ? current.json.contact_key : undefined;
  if (held && !newKey) return held;
  const pair = await webcrypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const { kty, crv, x, y, d } = await webcrypto.subtle.exportKey('jwk', pair.privateKey);
  const key = { kty, crv, x, y, kid: keyId({ crv, x, y }) };
  const file = resolve(keyDir ?? '.', `${community.replace(/[^a-z0-9_-]/g, '_')}-contact-key.json`);
  const body = { linli_contact_key: 1, community, kid: key.kid, private_jwk: { kty, crv, x, y, d } };
  await writeFile(file, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 });
  log(`community ${community}: a new residents' contact key ${key.kid}; its private half is in ${file} — import it on each committee phone, keep it offline, never put it on the server`);
  return key;
}

/**
 * Creates (or updates) `community`'s databases with their security and
 * validation, the residents' contact key, and the accounts `users`
 * ([{ name, password, role }]). Returns the contact key's public half.
 */
export async function setUpCommunity({ server, admin, community, users = [], log = () => {}, keyDir, newContactKey = false }) {
  const publicName = `${community}-public`;
  // Before the security changes: the old security says which community
  // the old accounts were for.
  await moveOldAccounts(server, admin, community, log);
  await database(server, admin, community);
  await database(server, admin, publicName);
  const security = (roles) => ({ admins: { names: [], roles: [] }, members: { names: [], roles } });
  const committeeRole = roleIn(community, 'committee');
  const residentRole = roleIn(community, 'resident');
  await put(server, admin, `/${encodeURIComponent(community)}/_security`, security([committeeRole]));
  await put(server, admin, `/${encodeURIComponent(publicName)}/_security`, security([committeeRole, residentRole]));
  // CouchDB wants the function alone (the leading comment goes), with
  // this community's name in it.
  const validation = async (file) => {
    const source = (await readFile(join(here, file), 'utf8')).trim();
    return source.slice(source.search(/^function/m)).replace("'COMMUNITY'", JSON.stringify(community));
  };
  await put(server, admin, `/${encodeURIComponent(community)}/_design/linli`, {
    community,
    validate_doc_update: await validation('validate-committee.js'),
  });
  const key = await contactKey(server, admin, community, publicName, { keyDir, newKey: newContactKey, log });
  await put(server, admin, `/${encodeURIComponent(publicName)}/_design/linli`, {
    community,
    contact_key: key,
    validate_doc_update: await validation('validate-public.js'),
  });
  for (const user of users) await account(server, admin, community, user);
  return key;
}

/**
 * Compacts the community's two databases and waits until CouchDB is done.
 * CouchDB keeps the body of every earlier revision of a document until its
 * database is compacted: after a person is erased (README, 个人信息) their
 * phone number is gone from the current documents at once, and from every
 * earlier revision only after this.
 */
export async function compactCommunity({ server, admin, community, log = () => {} }) {
  for (const name of [community, `${community}-public`]) {
    const path = `/${encodeURIComponent(name)}`;
    const started = await call(server, admin, 'POST', `${path}/_compact`, {});
    if (started.status >= 300) throw new Error(`compacting ${name}: ${started.status} ${JSON.stringify(started.json)}`);
    for (let i = 0; ; i++) {
      const info = await call(server, admin, 'GET', path);
      if (info.status === 200 && !info.json.compact_running) break;
      if (i > 600) throw new Error(`compacting ${name}: still running after a minute`);
      await new Promise((r) => setTimeout(r, 100));
    }
    log(`${name}: compacted`);
  }
}

// Run as a program (not imported): no top-level await, so tests can import this file.
async function main() {
  const args = process.argv.slice(2);
  const options = { users: [], log: (line) => console.log(line) };
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (flag === '--server') options.server = value;
    else if (flag === '--admin') options.admin = value;
    else if (flag === '--community') options.community = value;
    else if (flag === '--key-dir') options.keyDir = value;
    else if (flag === '--new-contact-key') {
      options.newContactKey = true;
      i -= 1;
    }
    else if (flag === '--compact') {
      options.compact = true;
      i -= 1;
    }
    else if (flag === '--user') {
      const [name, password, role] = (value ?? '').split(':');
      if (!name || !ROLES.includes(role)) {
        console.error(`--user ${value}: NAME:PASSWORD:ROLE (or NAME::ROLE for an existing account), the role committee or resident`);
        process.exit(2);
      }
      options.users.push({ name, password, role });
    } else {
      console.error(`unknown option ${flag}`);
      process.exit(2);
    }
  }
  if (!options.server || !options.admin || !options.community) {
    console.error('usage: setup.mjs --server URL --admin NAME:PASSWORD --community NAME [--user NAME:PASSWORD:ROLE ...] [--key-dir FOLDER] [--new-contact-key] [--compact]');
    process.exit(2);
  }
  if (!/^[a-z][a-z0-9_$()+/-]*$/.test(options.community)) {
    console.error(`--community ${options.community}: a lowercase letter first, then lowercase letters, digits and _$()+-/`);
    process.exit(2);
  }
  await setUpCommunity(options);
  console.log(`community ${options.community}: databases, security, validation and ${options.users.length} account(s) ready`);
  if (options.compact) await compactCommunity(options);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e.message ?? e);
    process.exit(1);
  });
}
