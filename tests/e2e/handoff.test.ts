/**
 * The hand-off from the map (issue 21), in Chromium against a real server on the demo data: an
 * analyst signs in, opens a province, sees the menu items matching its targets, hands an agency its
 * matched people, downloads the list (BOM, header, as many rows as the API says), an agency's
 * results for it come back through the import API, and the panel's agency view and progress follow.
 * What it writes (batches, logbook entries, users) is removed at the end and the logbook's rollup
 * refreshed, so the shared test database is as it was.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUser } from '../../server/auth/users.js';
import { refreshAssistance } from '../../server/db/refresh.js';
import { deleteUsers } from '../helpers/api.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { BROWSER_TEST_MS, launchChromium, poll, recordedPage, screenshot, settled, type Recorded } from '../helpers/browser.js';
import { multipart } from '../helpers/imports.js';
import { startServer, type RunningServer } from '../helpers/server.js';

vi.setConfig({ testTimeout: BROWSER_TEST_MS });

const PREFIX = 'e2ehandoff';
const PASSWORD = 'correct horse battery staple';
const PROVINCE = '30';
// the hand-off CSV's columns, written out here as an agency sees them
const HEADER = ['batch_id', 'house_code', 'person_no', 'survey_year', 'head_name', 'national_id', 'age', 'sex', 'relation_to_head', 'village_code',
  'address_th', 'agency', 'menu_item', 'title_th', 'dimension', 'failed_indicators', 'menu_item_stage', 'stage', 'status', 'done_on'];

let server: RunningServer;
let browser: Browser;
let session: Recorded;
let page: Page;
let analyst: string;
let adminToken: string;
let analystToken: string;

async function login(username: string): Promise<string> {
  const r = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  return ((await r.json()) as { token: string }).token;
}

async function api<T>(path: string, token: string): Promise<T> {
  const r = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(r.status, path).toBe(200);
  return (await r.json()) as T;
}

/** A count as the panel prints it ("1,234" in English). */
const shown = async (testId: string) => Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/[^0-9]/g, ''));

beforeAll(async () => {
  server = await startServer(testDatabaseUrl());
  const db = server.app.db;
  await db('app_user').where('username', 'like', `${PREFIX}\\_%`).delete();
  analyst = `${PREFIX}_analyst_${process.pid}`;
  await createUser(db, { username: analyst, password: PASSWORD, role: 'analyst', grants: [PROVINCE], pii: false });
  await createUser(db, { username: `${PREFIX}_admin_${process.pid}`, password: PASSWORD, role: 'admin', grants: [], pii: false });
  adminToken = await login(`${PREFIX}_admin_${process.pid}`);
  analystToken = await login(analyst);
  browser = await launchChromium();
  session = await recordedPage(browser, { acceptDownloads: true });
  page = session.page;
});

afterAll(async () => {
  await browser?.close();
  if (server) {
    const db = server.app.db;
    const batches = db('handoff_batch').where('username', analyst).select('id');
    await db('assistance_log').whereIn('handoff_batch_id', batches).delete();
    await db('handoff_batch').where('username', analyst).delete();
    await refreshAssistance(db);
    await deleteUsers(server.app, PREFIX);
    await server.close();
  }
});

describe('hand-off from the map', () => {
  it('signs in, hands an agency its people in a province, downloads the list, and sees the results come back', async () => {
    await page.goto(`${server.url}/area/${PROVINCE}?lang=en`);
    await settled(page, new RegExp(`^/area/${PROVINCE}\\?`));
    expect(await page.getByTestId('area-handoff').count()).toBe(0); // not signed in: no hand-off section
    await page.getByTestId('sign-in').click();
    await page.getByTestId('login-username').fill(analyst);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await poll(() => page.getByTestId('user-name').textContent()).toContain(analyst);

    // the menu items matching the province's targets, as the API lists them
    const year = (await api<{ default_year: number }>('/api/meta', analystToken)).default_year; // the panel's year (none in the URL)
    const needs = await api<{ target_households: number; items: Array<{ agency: string; allocated: number }> }>(`/api/areas/${PROVINCE}/menu-needs?year=${year}`, analystToken);
    expect(needs.items.length).toBeGreaterThan(0);
    await poll(() => page.getByTestId('handoff-items').locator('tbody tr').count()).toBe(needs.items.length);
    expect(await shown('handoff-targets')).toBe(needs.target_households);
    const before = await api<{ handed_off: number; acted_on: number }>(`/api/areas/${PROVINCE}/stage-progress?year=${year}`, analystToken);
    await screenshot(page, 'handoff-01-section');

    // hand the agency with the most people within capacity its people, one row each
    const within = new Map<string, number>();
    for (const i of needs.items) within.set(i.agency, (within.get(i.agency) ?? 0) + i.allocated);
    const agency = [...within.entries()].sort((a, b) => b[1] - a[1])[0][0];
    await page.getByTestId('handoff-agency').selectOption(agency);
    await page.getByTestId('handoff-unit').selectOption('person');
    await page.getByTestId('handoff-create').click();
    await poll(() => page.getByTestId('handoff-batches').locator('tbody tr').count()).toBe(1);
    const { items } = await api<{ items: Array<{ id: number; agency: string; unit: string; row_count: number; area_code: string }> }>('/api/handoffs', analystToken);
    const batch = items.find((b) => b.area_code === PROVINCE && b.agency === agency)!;
    expect(batch).toMatchObject({ unit: 'person' });
    expect(batch.row_count).toBeGreaterThan(0);
    expect(await shown(`handoff-handed-off-${batch.id}`)).toBe(batch.row_count);

    // the CSV: BOM, the agency's header, one line per row the API counted
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`handoff-csv-${batch.id}`).click()]);
    const bytes = fs.readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split(/\r?\n/).filter((l) => l.length > 0);
    expect(lines[0].split(',')).toEqual(HEADER);
    expect(lines.length - 1).toBe(batch.row_count);
    expect(download.suggestedFilename()).toBe(`handoff-${batch.id}.csv`);

    // the agency fills in two rows and sends the file back (through the import API, as an admin)
    const col = (name: string) => HEADER.indexOf(name);
    const filled = lines.slice(1, 3).map((line, i) => {
      const cells = line.split(','); // the first columns hold no commas (codes and numbers); rebuild from the keys only
      return [cells[col('batch_id')], cells[col('house_code')], cells[col('person_no')], cells[col('menu_item')], 'survive', 'done', `${year}-06-0${i + 1}`].join(',');
    });
    const file = ['batch_id,house_code,person_no,menu_item,stage,status,done_on', ...filled].join('\n');
    const m = multipart('results.csv', Buffer.from(`\uFEFF${file}\n`, 'utf8'));
    const posted = await fetch(`${server.url}/api/imports/results`, { method: 'POST', body: m.body, headers: { ...m.headers, authorization: `Bearer ${adminToken}` } });
    expect(posted.status).toBe(202);
    const jobId = ((await posted.json()) as { id: number }).id;
    // the logbook rows are merged before the rollups' refresh (slow on a busy machine); the panel counts them live
    await poll(async () => ['refreshing', 'refresh_pending', 'done'].includes((await api<{ state: string }>(`/api/imports/${jobId}`, adminToken)).state)).toBe(true);
    expect(await api<{ rows_valid: number }>(`/api/imports/${jobId}`, adminToken)).toMatchObject({ rows_valid: filled.length });

    // the panel follows: the batch's acted-on and done, and the province's progress
    await page.getByTestId('handoff-refresh').click();
    await poll(() => shown(`handoff-acted-on-${batch.id}`)).toBe(filled.length);
    expect(await shown(`handoff-done-${batch.id}`)).toBe(filled.length);
    expect(await shown(`handoff-outstanding-${batch.id}`)).toBe(batch.row_count - filled.length);
    const after = await api<{ handed_off: number; acted_on: number; stages: { survive: number } }>(`/api/areas/${PROVINCE}/stage-progress?year=${year}`, analystToken);
    expect(after.handed_off).toBeGreaterThan(before.handed_off);
    expect(await shown('handoff-progress-handed-off')).toBe(after.handed_off);
    expect(await shown('handoff-progress-acted-on')).toBe(after.acted_on);
    expect(await shown('handoff-progress-survive')).toBe(after.stages.survive);
    await screenshot(page, 'handoff-02-results-back');
  });

  it('says so when the area is outside the analyst\'s grant', async () => {
    await page.goto(`${server.url}/area/10?lang=en`);
    await settled(page, /^\/area\/10\?/);
    await poll(() => page.getByTestId('handoff-message').textContent()).toBe('This area is outside your grant');
  });
});
