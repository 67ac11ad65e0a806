import { mkdirSync, writeFileSync } from 'node:fs';
import { Couch } from './couch';
import { expect, test } from './fixtures';

// Three communities on one Apache CouchDB, set up as a street office sets
// them up (scripts/couchdb/setup.mjs), each with a committee and a
// resident account, and one account that is the committee in one
// community and a resident in another. Every account's session asks every
// other community's databases for everything, through CouchDB's HTTP API
// as someone with their own tools would: the server refuses each. The same
// requests in the account's own community are answered, so the refusals
// are the accounts' binding and not a broken setup.
const couch = new Couch(Number(process.env.E2E_COUCH_COMMUNITIES_PORT ?? 5989));
const COMMUNITIES = ['qingxi', 'huashan', 'kangle'] as const;
type Community = (typeof COMMUNITIES)[number];
type Role = 'committee' | 'resident';
type Account = { name: string; password: string; roles: Partial<Record<Community, Role>> };

const ACCOUNTS: Account[] = [
  ...COMMUNITIES.flatMap((c): Account[] => [
    { name: `${c}-li`, password: `${c}-li-pw`, roles: { [c]: 'committee' } },
    { name: `${c}-wang`, password: `${c}-wang-pw`, roles: { [c]: 'resident' } },
  ]),
  // The committee in huashan, a resident of qingxi.
  { name: 'chen', password: 'chen-pw', roles: { huashan: 'committee', qingxi: 'resident' } },
];

test.describe.configure({ mode: 'serial' });

const id = (c: Community, n: number) => `0b7e0000-0000-4000-8000-${String(COMMUNITIES.indexOf(c) * 100 + n).padStart(12, '0')}`;
const stamp = { created_at: '2026-12-01T01:00:00Z', updated_at: '2026-12-01T01:00:00Z', device_id: 'phone-a', deleted: false };
const space = (c: Community) => ({
  _id: `space:${id(c, 1)}`,
  id: id(c, 1),
  ...stamp,
  name: `${c} 活动室`,
  kind: 'room',
  location: '',
  capacity: 10,
  opening_hours: [],
  rules: { slot_minutes: 30, min_minutes: 30, max_minutes: 240, advance_days: 30, buffer_minutes: 0, needs_approval: true },
  amenities: [],
  notes: '',
  active: true,
});
const volunteer = (c: Community, n = 9) => ({
  _id: `volunteer:${id(c, n)}`,
  id: id(c, n),
  ...stamp,
  name: `${c} 陈敏`,
  phone: '13800000000',
  room: '3号楼 502',
  teams: [],
  skills: [],
  notes: '',
  active: true,
  joined_on: '2026-01-01',
});
const request = (c: Community, n: number, by: string) => ({
  _id: `booking:${id(c, n)}`,
  id: id(c, n),
  ...stamp,
  space_id: id(c, 1),
  title: `request ${n}`,
  purpose: '',
  organiser: { name: by, phone: '', room: '' },
  start: '2026-12-05T09:00',
  end: '2026-12-05T10:00',
  expected_attendees: 4,
  status: 'requested',
  requested_by: by,
});

/** A session cookie for `account`, as the app gets one. */
async function session(account: { name: string; password: string }): Promise<string> {
  const response = await fetch(new URL('_session', couch.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: account.name, password: account.password }),
  });
  expect(response.status, `${account.name} signs in`).toBe(200);
  const cookie = response.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0];
}

async function ask(cookie: string, method: string, path: string, body?: unknown) {
  const response = await fetch(new URL(path, couch.url), {
    method,
    headers: { cookie, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => null);
  return { status: response.status, json };
}

/** Everything one may ask of a database, reading and writing. */
function requests(db: string, c: Community, by: string, committeeDb: boolean) {
  const doc = committeeDb ? volunteer(c) : space(c);
  return [
    { what: 'database info', method: 'GET', path: db },
    { what: '_all_docs', method: 'GET', path: `${db}/_all_docs?include_docs=true` },
    { what: '_changes', method: 'GET', path: `${db}/_changes?include_docs=true` },
    { what: '_find', method: 'POST', path: `${db}/_find`, body: { selector: {} } },
    { what: '_bulk_get', method: 'POST', path: `${db}/_bulk_get`, body: { docs: [{ id: doc._id }] } },
    { what: 'a document', method: 'GET', path: `${db}/${doc._id}` },
    { what: '_design/linli', method: 'GET', path: `${db}/_design/linli` },
    { what: '_security', method: 'GET', path: `${db}/_security` },
    { what: 'write a volunteer', method: 'PUT', path: `${db}/volunteer:${id(c, 50)}`, body: volunteer(c, 50), write: true },
    { what: '_bulk_docs', method: 'POST', path: `${db}/_bulk_docs`, body: { docs: [volunteer(c, 51)] }, write: true },
    { what: 'a request in own name', method: 'PUT', path: `${db}/booking:${id(c, 60)}`, body: request(c, 60, by), write: true },
    { what: 'replace _security', method: 'PUT', path: `${db}/_security`, body: { members: { names: [by], roles: [] } }, write: true },
    { what: 'replace _design/linli', method: 'PUT', path: `${db}/_design/linli`, body: { validate_doc_update: 'function () {}' }, write: true },
  ];
}

test.beforeAll(async () => {
  await couch.start();
  for (const c of COMMUNITIES) {
    const users = ACCOUNTS.filter((a) => a.roles[c]).map((a) => ({ name: a.name, password: a.password, role: a.roles[c]! }));
    await couch.community(c, users);
    const admin = Couch.auth(couch.admin);
    for (const [db, doc] of [
      [c, volunteer(c)],
      [c, space(c)],
      [`${c}-public`, space(c)],
    ] as const) {
      const put = await fetch(new URL(`${db}/${doc._id}`, couch.url), { method: 'PUT', headers: admin, body: JSON.stringify(doc) });
      expect(put.status).toBe(201);
    }
  }
});

test.afterAll(async () => {
  await couch.stop();
});

test('every account is refused everything in the communities it does not belong to, and answered in its own', async () => {
  test.setTimeout(120_000);
  const table: string[] = ['| account | its roles | database | request | answer |', '|---|---|---|---|---|'];
  let refused = 0;
  for (const account of ACCOUNTS) {
    const cookie = await session(account);
    const roles = Object.entries(account.roles).map(([c, r]) => `${c}: ${r}`).join(', ');
    for (const c of COMMUNITIES) {
      const role = account.roles[c];
      for (const [db, committeeDb] of [
        [c, true],
        [`${c}-public`, false],
      ] as const) {
        const member = role === 'committee' || (role === 'resident' && !committeeDb);
        for (const r of requests(db, c, account.name, committeeDb)) {
          if (member && r.write) continue;
          const answer = await ask(cookie, r.method, r.path, r.body);
          if (!member) {
            table.push(`| ${account.name} | ${roles} | ${db} | ${r.method} ${r.what} | ${answer.status} |`);
            expect([401, 403], `${account.name}: ${r.method} ${r.path} (${answer.status} ${JSON.stringify(answer.json)})`).toContain(answer.status);
            refused += 1;
          } else if (!r.write && r.what !== '_security') {
            // A member reads: the refusals above are not a server that refuses everyone.
            expect(answer.status, `${account.name}: ${r.method} ${r.path}`).toBe(200);
          }
        }
      }
    }
  }
  // The server's answers, for the record.
  mkdirSync('tests/e2e/artifacts', { recursive: true });
  writeFileSync('tests/e2e/artifacts/cross-community.md', table.join('\n') + '\n');
  // 7 accounts and 6 databases: 12 memberships, 30 databases each asked 13 things.
  expect(refused).toBe(13 * 30);
  // Nothing of theirs reached any database.
  for (const c of COMMUNITIES) {
    for (const db of [c, `${c}-public`]) {
      const all = await (await fetch(new URL(`${db}/_all_docs`, couch.url), { headers: Couch.auth(couch.admin) })).json();
      const ids = all.rows.map((r: { id: string }) => r.id).filter((i: string) => !i.startsWith('_design/'));
      expect(ids.sort(), db).toEqual(db === c ? [`space:${id(c, 1)}`, `volunteer:${id(c, 9)}`] : [`space:${id(c, 1)}`]);
      const security = await (await fetch(new URL(`${db}/_security`, couch.url), { headers: Couch.auth(couch.admin) })).json();
      expect(security.members.names ?? []).toEqual([]);
    }
  }
});

test('an account in two communities has its own role in each: committee in one, resident in the other', async () => {
  const cookie = await session({ name: 'chen', password: 'chen-pw' });
  // Committee in huashan: reads the volunteers, writes one.
  expect((await ask(cookie, 'GET', `huashan/volunteer:${id('huashan', 9)}`)).status).toBe(200);
  expect((await ask(cookie, 'PUT', `huashan/volunteer:${id('huashan', 70)}`, volunteer('huashan', 70))).status).toBe(201);
  // A resident in qingxi: no volunteers, no space changes, a request in their own name only.
  expect((await ask(cookie, 'GET', `qingxi/volunteer:${id('qingxi', 9)}`)).status).toBe(403);
  const changed = { ...space('qingxi'), name: '改名' };
  const current = await ask(cookie, 'GET', `qingxi-public/space:${id('qingxi', 1)}`);
  expect(current.status).toBe(200);
  expect((await ask(cookie, 'PUT', `qingxi-public/space:${id('qingxi', 1)}`, { ...changed, _rev: current.json._rev })).status).toBe(403);
  expect((await ask(cookie, 'PUT', `qingxi-public/booking:${id('qingxi', 71)}`, request('qingxi', 71, 'qingxi-wang'))).status).toBe(403);
  expect((await ask(cookie, 'PUT', `qingxi-public/booking:${id('qingxi', 72)}`, request('qingxi', 72, 'chen'))).status).toBe(201);
  // A committee member of huashan is no committee member in qingxi's public database either.
  const confirmed = { ...request('qingxi', 73, 'chen'), status: 'confirmed' };
  expect((await ask(cookie, 'PUT', `qingxi-public/booking:${id('qingxi', 73)}`, confirmed)).status).toBe(403);
});

test('a server set up before accounts were bound moves its accounts over when setup runs again', async () => {
  const admin = Couch.auth(couch.admin);
  const at = (path: string) => new URL(path, couch.url);
  // The old way: bare roles, security naming "committee" and "resident".
  await fetch(at('oldtown'), { method: 'PUT', headers: admin });
  await fetch(at('oldtown-public'), { method: 'PUT', headers: admin });
  const old = (roles: string[]) => ({ admins: { names: [], roles: [] }, members: { names: [], roles } });
  await fetch(at('oldtown/_security'), { method: 'PUT', headers: admin, body: JSON.stringify(old(['committee'])) });
  await fetch(at('oldtown-public/_security'), { method: 'PUT', headers: admin, body: JSON.stringify(old(['committee', 'resident'])) });
  for (const [name, role] of [
    ['old-li', 'committee'],
    ['old-wang', 'resident'],
  ]) {
    const put = await fetch(at(`_users/org.couchdb.user:${name}`), {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password: `${name}-pw`, roles: [role], type: 'user' }),
    });
    expect(put.status).toBe(201);
  }
  // The old committee account reads qingxi's volunteers on such a server?
  // No: qingxi was set up the new way. It reads oldtown's.
  const before = await session({ name: 'old-li', password: 'old-li-pw' });
  expect((await ask(before, 'GET', 'oldtown/_all_docs')).status).toBe(200);
  expect((await ask(before, 'GET', 'qingxi/_all_docs')).status).toBe(403);

  await couch.community('oldtown');
  const roles = async (name: string) => (await (await fetch(at(`_users/org.couchdb.user:${name}`), { headers: admin })).json()).roles;
  expect(await roles('old-li')).toEqual(['linli:oldtown:committee']);
  expect(await roles('old-wang')).toEqual(['linli:oldtown:resident']);
  const security = await (await fetch(at('oldtown/_security'), { headers: admin })).json();
  expect(security.members.roles).toEqual(['linli:oldtown:committee']);
  // Passwords kept; the committee reads its own database, the resident only the public one.
  const li = await session({ name: 'old-li', password: 'old-li-pw' });
  expect((await ask(li, 'GET', 'oldtown/_all_docs')).status).toBe(200);
  const wang = await session({ name: 'old-wang', password: 'old-wang-pw' });
  expect((await ask(wang, 'GET', 'oldtown/_all_docs')).status).toBe(403);
  expect((await ask(wang, 'GET', 'oldtown-public/_all_docs')).status).toBe(200);
  expect((await ask(wang, 'GET', 'kangle-public/_all_docs')).status).toBe(403);
});
