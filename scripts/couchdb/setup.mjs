// Sets up a community on a CouchDB 3 server (or the test server): its two
// databases, who may read them (_security), the validation design
// documents, and accounts. Safe to run again: what exists is updated.
//
//   node scripts/couchdb/setup.mjs --server http://127.0.0.1:5984 \
//     --admin admin:PASSWORD --community qingxi \
//     --user li:PASSWORD:committee --user wang:PASSWORD:resident
//
// The committee database (qingxi) is readable and writable by accounts
// with the "committee" role only; the public one (qingxi-public) by
// "committee" and "resident" accounts, and its validation function lets a
// resident add a request in their own name and cancel it, nothing more.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));

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

/**
 * Creates (or updates) `community`'s databases with their security and
 * validation, and the accounts `users` ([{ name, password, role }]).
 */
export async function setUpCommunity({ server, admin, community, users = [] }) {
  const publicName = `${community}-public`;
  await database(server, admin, community);
  await database(server, admin, publicName);
  const security = (roles) => ({ admins: { names: [], roles: [] }, members: { names: [], roles } });
  await put(server, admin, `/${encodeURIComponent(community)}/_security`, security(['committee']));
  await put(server, admin, `/${encodeURIComponent(publicName)}/_security`, security(['committee', 'resident']));
  const committee = (await readFile(join(here, 'validate-committee.js'), 'utf8')).trim();
  const residents = (await readFile(join(here, 'validate-public.js'), 'utf8')).trim();
  // CouchDB wants the function alone: the leading comment goes.
  const fn = (source) => source.slice(source.indexOf('function'));
  await put(server, admin, `/${encodeURIComponent(community)}/_design/linli`, {
    validate_doc_update: fn(committee),
  });
  await put(server, admin, `/${encodeURIComponent(publicName)}/_design/linli`, {
    validate_doc_update: fn(residents),
  });
  for (const user of users) {
    await put(server, admin, `/_users/org.couchdb.user:${encodeURIComponent(user.name)}`, {
      _id: `org.couchdb.user:${user.name}`,
      name: user.name,
      password: user.password,
      roles: [user.role],
      type: 'user',
    });
  }
}

// Run as a program (not imported): no top-level await, so tests can import this file.
async function main() {
  const args = process.argv.slice(2);
  const options = { users: [] };
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (flag === '--server') options.server = value;
    else if (flag === '--admin') options.admin = value;
    else if (flag === '--community') options.community = value;
    else if (flag === '--user') {
      const [name, password, role] = value.split(':');
      if (!['committee', 'resident'].includes(role)) {
        console.error(`--user ${name}: the role is committee or resident`);
        process.exit(2);
      }
      options.users.push({ name, password, role });
    } else {
      console.error(`unknown option ${flag}`);
      process.exit(2);
    }
  }
  if (!options.server || !options.admin || !options.community) {
    console.error('usage: setup.mjs --server URL --admin NAME:PASSWORD --community NAME [--user NAME:PASSWORD:ROLE ...]');
    process.exit(2);
  }
  await setUpCommunity(options);
  console.log(`community ${options.community}: databases, security, validation and ${options.users.length} account(s) ready`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e.message ?? e);
    process.exit(1);
  });
}
