import { Couch } from './couch';
import { expect, test } from './fixtures';

// What a resident's account may not do, asked of the server itself over
// its HTTP API, as a resident with their own tools (not the app) would:
// each act is refused by the server, with a reason where CouchDB gives one.
const couch = new Couch(Number(process.env.E2E_COUCH_API_PORT ?? 5988));
const COMMUNITY = 'api';
const resident = Couch.auth('wang:wang-pw');
const committee = Couch.auth('li:li-pw');

test.describe.configure({ mode: 'serial' });

const id = (n: number) => `0b7e0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const stamp = { created_at: '2026-12-01T01:00:00Z', updated_at: '2026-12-01T01:00:00Z', device_id: 'phone-a', deleted: false };
const space = { _id: `space:${id(1)}`, id: id(1), ...stamp, name: '健身房', kind: 'gym', location: '', capacity: 10, opening_hours: [], rules: { slot_minutes: 30, min_minutes: 30, max_minutes: 240, advance_days: 30, buffer_minutes: 0, needs_approval: true }, amenities: [], notes: '', active: true };
const booking = (n: number, extra: object = {}) => ({
  _id: `booking:${id(n)}`,
  id: id(n),
  ...stamp,
  space_id: id(1),
  title: `booking ${n}`,
  purpose: '',
  organiser: { name: '王', phone: '', room: '' },
  start: '2026-12-05T09:00',
  end: '2026-12-05T10:00',
  expected_attendees: 4,
  status: 'requested',
  ...extra,
});
const volunteer = { _id: `volunteer:${id(9)}`, id: id(9), ...stamp, name: '陈敏', phone: '13800000000', room: '3号楼 502', teams: [], skills: [], notes: '', active: true, joined_on: '2026-01-01' };

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const response = await fetch(new URL(path, couch.url), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, json: await response.json().catch(() => null) };
}

test.beforeAll(async () => {
  await couch.start();
  await couch.community(COMMUNITY, true);
  // The committee's phones have filled both databases.
  for (const doc of [space, volunteer, booking(2, { status: 'confirmed' })]) {
    expect((await call('PUT', `${COMMUNITY}/${doc._id}`, committee, doc)).status).toBe(201);
  }
  for (const doc of [space, booking(2, { status: 'confirmed' })]) {
    expect((await call('PUT', `${COMMUNITY}-public/${doc._id}`, committee, doc)).status).toBe(201);
  }
  // Another resident's request.
  const other = booking(3, { requested_by: 'zhao', start: '2026-12-05T11:00', end: '2026-12-05T12:00' });
  expect((await call('PUT', `${COMMUNITY}-public/${other._id}`, Couch.auth('zhao:zhao-pw'), other)).status).toBe(201);
});

test.afterAll(async () => {
  await couch.stop();
});

test('a resident reads the public spaces and bookings and may leave and cancel a request of their own', async () => {
  const all = await call('GET', `${COMMUNITY}-public/_all_docs?include_docs=true`, resident);
  expect(all.status).toBe(200);
  const ids = all.json.rows.map((r: { id: string }) => r.id);
  expect(ids).toContain(space._id);
  expect(ids).not.toContain(volunteer._id);
  const mine = booking(4, { requested_by: 'wang', start: '2026-12-06T09:00', end: '2026-12-06T10:00' });
  const made = await call('PUT', `${COMMUNITY}-public/${mine._id}`, resident, mine);
  expect(made.status).toBe(201);
  const cancelled = { ...mine, _rev: made.json.rev, status: 'cancelled', updated_at: '2026-12-01T02:00:00Z', status_change: { by: '王', reason: '不去了' } };
  expect((await call('PUT', `${COMMUNITY}-public/${mine._id}`, resident, cancelled)).status).toBe(201);
});

test('a resident cannot read a volunteer, or anything of the committee database', async () => {
  for (const path of [`${COMMUNITY}/${volunteer._id}`, `${COMMUNITY}/_all_docs`, `${COMMUNITY}/_changes`, `${COMMUNITY}-public/${volunteer._id}`]) {
    const answer = await call('GET', path, resident);
    expect([401, 403, 404], path).toContain(answer.status);
    expect(JSON.stringify(answer.json)).not.toContain('13800000000');
  }
});

test('a resident cannot confirm a booking, not even their own request', async () => {
  const asked = booking(5, { requested_by: 'wang', start: '2026-12-07T09:00', end: '2026-12-07T10:00' });
  const made = await call('PUT', `${COMMUNITY}-public/${asked._id}`, resident, asked);
  expect(made.status).toBe(201);
  const confirmed = await call('PUT', `${COMMUNITY}-public/${asked._id}`, resident, { ...asked, _rev: made.json.rev, status: 'confirmed' });
  expect(confirmed.status).toBe(403);
  expect(confirmed.json.reason).toContain('Residents may only cancel');
  const direct = await call('PUT', `${COMMUNITY}-public/booking:${id(6)}`, resident, booking(6, { requested_by: 'wang', status: 'confirmed', start: '2026-12-08T09:00', end: '2026-12-08T10:00' }));
  expect(direct.status).toBe(403);
  expect(direct.json.reason).toContain('the committee confirms them');
});

test("a resident cannot edit or cancel another's booking, or write in another's name", async () => {
  const current = await call('GET', `${COMMUNITY}-public/booking:${id(3)}`, resident);
  expect(current.status).toBe(200);
  const edited = await call('PUT', `${COMMUNITY}-public/booking:${id(3)}`, resident, { ...current.json, title: '改了' });
  expect(edited.status).toBe(403);
  const cancelled = await call('PUT', `${COMMUNITY}-public/booking:${id(3)}`, resident, { ...current.json, status: 'cancelled' });
  expect(cancelled.status).toBe(403);
  expect(cancelled.json.reason).toContain('only cancel your own');
  const committeeOne = await call('GET', `${COMMUNITY}-public/booking:${id(2)}`, resident);
  const touched = await call('PUT', `${COMMUNITY}-public/booking:${id(2)}`, resident, { ...committeeOne.json, status: 'cancelled' });
  expect(touched.status).toBe(403);
  const posing = await call('PUT', `${COMMUNITY}-public/booking:${id(7)}`, resident, booking(7, { requested_by: 'zhao', start: '2026-12-09T09:00', end: '2026-12-09T10:00' }));
  expect(posing.status).toBe(403);
  // Nor delete one outright, nor touch a space.
  const deleted = await call('DELETE', `${COMMUNITY}-public/booking:${id(3)}?rev=${current.json._rev}`, resident);
  expect(deleted.status).toBe(403);
  const spaceNow = await call('GET', `${COMMUNITY}-public/${space._id}`, resident);
  const renamed = await call('PUT', `${COMMUNITY}-public/${space._id}`, resident, { ...spaceNow.json, name: '我的健身房' });
  expect(renamed.status).toBe(403);
});

test('malformed documents are refused, whoever writes them, and phones never go into the public database', async () => {
  const malformed = [
    { _id: 'hello', text: 'not a record' },
    { ...booking(8, { requested_by: 'wang' }), id: id(99) },
    { ...booking(8, { requested_by: 'wang' }), start: 'tomorrow' },
    { ...booking(8, { requested_by: 'wang' }), end: '2026-12-05T08:00' },
    { ...booking(8, { requested_by: 'wang' }), status: 'approved-by-me' },
    { ...booking(8, { requested_by: 'wang' }), organiser: { name: '王', phone: '13900000000', room: '' } },
  ];
  for (const doc of malformed) {
    const answer = await call('POST', `${COMMUNITY}-public/_bulk_docs`, resident, { docs: [doc] });
    expect(answer.json[0]?.error, JSON.stringify(doc).slice(0, 80)).toBe('forbidden');
  }
  // A committee account's malformed writes too, in either database.
  const broken = await call('PUT', `${COMMUNITY}/booking:${id(10)}`, committee, { ...booking(10), title: 42 });
  expect(broken.status).toBe(403);
  const phoned = await call('PUT', `${COMMUNITY}-public/booking:${id(11)}`, committee, booking(11, { organiser: { name: '李', phone: '13900000000', room: '' } }));
  expect(phoned.status).toBe(403);
  expect(phoned.json.reason).toContain('No phone numbers or rooms');
  const volunteerInPublic = await call('PUT', `${COMMUNITY}-public/${volunteer._id}`, committee, volunteer);
  expect(volunteerInPublic.status).toBe(403);
});

test('without credentials nothing is read or written', async () => {
  const none = { 'content-type': 'application/json' };
  for (const path of [`${COMMUNITY}`, `${COMMUNITY}-public`, `${COMMUNITY}-public/_changes`, `${COMMUNITY}/${volunteer._id}`]) {
    expect([401, 403], path).toContain((await call('GET', path, none)).status);
  }
  const written = await call('PUT', `${COMMUNITY}-public/booking:${id(12)}`, none, booking(12, { requested_by: 'wang' }));
  expect([401, 403]).toContain(written.status);
  const wrong = await call('GET', `${COMMUNITY}-public`, Couch.auth('wang:not-the-password'));
  expect(wrong.status).toBe(401);
});

test('a holiday arrangement is the committee’s to load: a resident reads it, cannot write one, and a malformed one is refused', async () => {
  const year = { _id: `holiday_year:${id(20)}`, id: id(20), ...stamp, year: 2027, papers: [], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] };
  expect((await call('PUT', `${COMMUNITY}-public/${year._id}`, committee, year)).status).toBe(201);
  expect((await call('PUT', `${COMMUNITY}/${year._id}`, committee, year)).status).toBe(201);
  expect((await call('GET', `${COMMUNITY}-public/${year._id}`, resident)).json.year).toBe(2027);
  const own = { ...year, _id: `holiday_year:${id(21)}`, id: id(21), year: 2028 };
  const refused = await call('PUT', `${COMMUNITY}-public/${own._id}`, resident, own);
  expect(refused.status).toBe(403);
  expect(refused.json.reason).toContain('The committee loads holiday arrangements');
  const broken = { ...year, _id: `holiday_year:${id(22)}`, id: id(22), days: [{ name: '元旦', date: '1 January', isOffDay: 'yes' }] };
  for (const db of [COMMUNITY, `${COMMUNITY}-public`]) {
    const answer = await call('PUT', `${db}/${broken._id}`, committee, broken);
    expect(answer.status).toBe(403);
    expect(answer.json.reason).toContain('malformed');
  }
});

test("a resident may wait for a taken time in their own name, and move the next in line in as a request only", async () => {
  const waiting = booking(10, { requested_by: 'wang', status: 'waiting', start: '2026-12-05T11:00', end: '2026-12-05T12:00' });
  const joined = await call('PUT', `${COMMUNITY}-public/${waiting._id}`, resident, waiting);
  expect(joined.status).toBe(201);
  const posing = await call('PUT', `${COMMUNITY}-public/booking:${id(11)}`, resident, booking(11, { requested_by: 'zhao', status: 'waiting' }));
  expect(posing.status).toBe(403);

  // zhao's entry behind a time wang's phone freed: moved in as a request.
  const theirs = booking(12, { requested_by: 'zhao', status: 'waiting', start: '2026-12-06T11:00', end: '2026-12-06T12:00' });
  const made = await call('PUT', `${COMMUNITY}-public/${theirs._id}`, Couch.auth('zhao:zhao-pw'), theirs);
  expect(made.status).toBe(201);
  const moved = { ...theirs, _rev: made.json.rev, updated_at: '2026-12-01T03:00:00Z', device_id: 'phone-w', moved_in_at: '2026-12-01T03:00:00Z' };
  expect((await call('PUT', `${COMMUNITY}-public/${theirs._id}`, resident, { ...moved, status: 'confirmed' })).status).toBe(403);
  expect((await call('PUT', `${COMMUNITY}-public/${theirs._id}`, resident, { ...moved, status: 'requested', title: '改了' })).status).toBe(403);
  expect((await call('PUT', `${COMMUNITY}-public/${theirs._id}`, resident, { ...moved, status: 'requested' })).status).toBe(201);

  // Leaving one's own list is a cancellation.
  const left = { ...waiting, _rev: joined.json.rev, status: 'cancelled', updated_at: '2026-12-01T04:00:00Z' };
  expect((await call('PUT', `${COMMUNITY}-public/${waiting._id}`, resident, left)).status).toBe(201);
});
