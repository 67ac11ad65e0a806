import { Page } from '@playwright/test';
import { ChildProcess } from 'node:child_process';
import { Couch, serveApp } from './couch';
import { Phones, connect, openForm, start, synced } from './phones';
import { bookGymFriday, downloadFile, expect, importText, test } from './fixtures';

// Erasing a person everywhere: phone A erases a volunteer; phone B (synced)
// loses them; phone C (offline) loses them when it imports A's backup;
// C's old backup imported on A does not bring them back; the monthly
// report's numbers stay; the name is in no store, backup or CSV; and after
// compaction no revision the server returns holds their phone number.
const APP_PORT = Number(process.env.E2E_PERSONAL_PORT ?? 8099);
const APP = `http://127.0.0.1:${APP_PORT}`;
const couch = new Couch(Number(process.env.E2E_COUCH_PERSONAL_PORT ?? 5991));
let app: ChildProcess;

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  await couch.start();
  await couch.community('setup', true);
  app = await serveApp(APP_PORT, couch);
});

test.afterAll(async () => {
  app?.kill();
  await couch.stop();
});

const phones = new Phones(APP);

test.afterEach(async () => {
  await phones.closeAll();
});

/** Every object of every IndexedDB store of the app, as one text. */
async function dump(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((done, failed) => {
        const open = indexedDB.open('linli');
        open.onerror = () => failed(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = Array.from(db.objectStoreNames);
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const name of names) {
            const all = tx.objectStore(name).getAll();
            all.onsuccess = () => (out[name] = all.result);
          }
          tx.oncomplete = () => {
            db.close();
            done(JSON.stringify(out));
          };
          tx.onerror = () => failed(tx.error);
        };
      }),
  );
}

type Person = { id: string; name: string; phone: string; room: string };

/** The demo volunteer with the most shifts whose name no other volunteer's contains. */
function busiest(text: string): Person {
  const stores = JSON.parse(text);
  const shifts = (id: string) => stores.assignments.filter((a: any) => a.volunteer_id === id).length;
  const names: string[] = stores.volunteers.map((v: any) => v.name);
  const candidates = stores.volunteers.filter(
    (v: any) => v.phone && v.room && names.filter((n) => n.includes(v.name)).length === 1,
  );
  candidates.sort((x: any, y: any) => shifts(y.id) - shifts(x.id));
  const v = candidates[0];
  return { id: v.id, name: v.name, phone: v.phone, room: v.room };
}

async function importFile(page: Page, text: string) {
  await page.locator('[data-tab=data]').click();
  await importText(page, text);
  await expect(page.getByTestId('import-preview')).toBeVisible();
}

async function applyImport(page: Page) {
  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('imported')).toBeVisible();
}

/** The text of every revision of a document the server returns (404 for one compacted away). */
async function revisionTexts(db: string, id: string): Promise<string[]> {
  const revs = await fetch(`${couch.url}${db}/${encodeURIComponent(id)}?revs=true&open_revs=all`, {
    headers: { ...Couch.auth(couch.admin), accept: 'application/json' },
  });
  const out: string[] = [];
  for (const leaf of await revs.json()) {
    const history = leaf.ok?._revisions;
    if (!history) continue;
    for (const [i, rid] of history.ids.entries()) {
      const rev = `${history.start - i}-${rid}`;
      const old = await fetch(`${couch.url}${db}/${encodeURIComponent(id)}?rev=${rev}`, { headers: Couch.auth(couch.admin) });
      out.push(`${rev} ${old.status} ${await old.text()}`);
    }
  }
  return out;
}

test('a volunteer erased on one phone is gone from every phone, every file and the server, and stays gone', async ({ browser }) => {
  const name = 'personal1';
  await couch.community(name, true);
  const [a, b, c] = [await phones.phone(browser), await phones.phone(browser), await phones.phone(browser)];
  await start(a.page, true);
  // The connect form says what the server will hold, with the full notice.
  await openForm(a.page);
  await expect(a.page.getByTestId('privacy-notice').first()).toBeVisible();
  await connect(a.page, name, 'li');
  const person = busiest(await dump(a.page));
  expect(person.name.length).toBeGreaterThan(1);

  // The person also books the gym, with their phone and room.
  await bookGymFriday(a.page, '邻里聚会', '2026-12-11');
  const booking = new URL(a.page.url()).pathname.split('/')[2];
  await a.page.goto(`/bookings/${booking}/edit`);
  await expect(a.page.getByTestId('privacy-notice')).toBeVisible();
  await a.page.locator('input[name=organiser]').fill(person.name);
  await a.page.locator('input[name=phone]').fill(person.phone);
  await a.page.locator('input[name=room]').fill(person.room);
  await a.page.getByTestId('submit-booking').click();
  await expect(a.page.getByTestId('organiser')).toHaveText(person.name);
  await synced(a.page);
  const oldBackup = (await downloadFile(a.page, 'export-all')).text;
  expect(oldBackup).toContain(person.phone);

  // B follows by sync; C, offline, only has the old backup.
  await start(b.page, false);
  await connect(b.page, name, 'zhang');
  expect(await dump(b.page)).toContain(person.phone);
  await start(c.page, false);
  await importFile(c.page, oldBackup);
  await applyImport(c.page);
  expect(await dump(c.page)).toContain(person.name);
  const cBackup = (await downloadFile(c.page, 'export-all')).text;
  expect(cBackup).toContain(person.phone);

  await a.page.goto('/report');
  await expect(a.page.getByTestId('report-month')).toHaveValue('2026-11');
  await expect(a.page.getByTestId('report-figures')).toBeVisible();
  const figures = await a.page.getByTestId('report-figures').innerText();
  expect(figures).toMatch(/\d/);

  // A looks at what is held about them, then erases them.
  await a.page.goto(`/volunteers/${person.id}`);
  await expect(a.page.getByTestId('consent')).toContainText('登记');
  await a.page.getByTestId('personal-export').click();
  await expect(a.page.getByTestId('held-contact')).toContainText(person.phone);
  await expect(a.page.getByTestId('held-bookings')).toContainText('邻里聚会');
  const held = await downloadFile(a.page, 'export-personal');
  expect(held.name).toBe('linli-personal-2026-12-02.json');
  expect(JSON.parse(held.text).held.volunteer.phone).toBe(person.phone);
  await a.page.screenshot({ path: 'tests/e2e/artifacts/screens/personal-export-zh.png', fullPage: true });
  await a.page.goto(`/volunteers/${person.id}`);
  await a.page.getByTestId('erase-person').click();
  const confirm = a.page.getByTestId('erase-confirm');
  await expect(confirm).toContainText(person.name);
  await expect(confirm).toContainText('预约 · 1');
  await a.page.screenshot({ path: 'tests/e2e/artifacts/screens/personal-erase-zh.png', fullPage: true });
  await a.page.getByTestId('erase-person-yes').click();
  await expect(a.page.getByTestId('page-title')).toHaveText('（已删除）');
  await expect(a.page.getByTestId('erased-note')).toBeVisible();
  await synced(a.page);

  // B hears of it by sync.
  await expect(async () => {
    await b.page.goto(`/volunteers/${person.id}`);
    await expect(b.page.getByTestId('page-title')).toHaveText('（已删除）', { timeout: 2_000 });
  }).toPass({ timeout: 45_000 });
  await synced(b.page);
  for (const p of [a, b]) {
    const stores = await dump(p.page);
    expect(stores).not.toContain(person.name);
    expect(stores).not.toContain(person.phone);
  }

  // C imports A's new backup: the person goes there too.
  const newBackup = (await downloadFile(a.page, 'export-all')).text;
  expect(newBackup).not.toContain(person.name);
  expect(newBackup).not.toContain(person.phone);
  await importFile(c.page, newBackup);
  await expect(c.page.getByTestId('import-kept-erased')).toBeVisible();
  await applyImport(c.page);
  const atC = await dump(c.page);
  expect(atC).not.toContain(person.name);
  expect(atC).not.toContain(person.phone);

  // A imports C's old backup (made before C heard of the erasure): the
  // preview says the person stays erased, and they do.
  await importFile(a.page, cBackup);
  await expect(a.page.getByTestId('import-kept-erased')).toBeVisible();
  await a.page.screenshot({ path: 'tests/e2e/artifacts/screens/personal-import-zh.png', fullPage: true });
  const apply = a.page.getByTestId('apply-import');
  if ((await apply.count()) > 0 && (await apply.isEnabled())) await applyImport(a.page);
  await synced(a.page);
  const afterOld = await dump(a.page);
  expect(afterOld).not.toContain(person.name);
  expect(afterOld).not.toContain(person.phone);

  // The month's numbers are the same; no CSV names them.
  await a.page.goto('/report');
  await expect(a.page.getByTestId('report-month')).toHaveValue('2026-11');
  await expect(a.page.getByTestId('report-figures')).toBeVisible();
  expect(await a.page.getByTestId('report-figures').innerText()).toBe(figures);
  await a.page.locator('[data-tab=spaces]').click();
  await a.page.getByRole('link', { name: '健身房' }).click();
  await a.page.getByTestId('space-more').locator('summary').click();
  const csv = (await downloadFile(a.page, 'export-bookings-csv')).text;
  expect(csv).toContain('邻里聚会');
  expect(csv).not.toContain(person.name);

  // The server: before compaction an earlier revision of the volunteer's
  // document still holds the phone (what compaction is for); after it, no
  // revision it returns of any document does, in either database.
  const before = await revisionTexts(name, `volunteer:${person.id}`);
  expect(before.some((t) => t.includes(person.phone)), 'an old revision keeps the phone until compaction').toBe(true);
  await couch.compact(name);
  for (const db of [name, `${name}-public`]) {
    const all = await fetch(`${couch.url}${db}/_all_docs?include_docs=true&conflicts=true`, { headers: Couch.auth(couch.admin) });
    const docs = (await all.json()).rows.map((r: any) => r.doc);
    expect(JSON.stringify(docs)).not.toContain(person.phone);
    for (const doc of docs.filter((d: any) => !d._id.startsWith('_design/'))) {
      for (const text of await revisionTexts(db, doc._id)) {
        expect(text.includes(person.phone), `${db} ${doc._id} ${text.slice(0, 60)}`).toBe(false);
      }
    }
  }
});
