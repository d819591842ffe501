/**
 * What the map client shows when things go wrong, in Chromium against a real server: an API that
 * answers 500 or 503, a request that never reaches the server, and a session that expires while an
 * analyst looks at households. Each case says so in words the user can read, and never leaves a blank
 * map or a blank screen. Failures are made by Playwright's request routing (page.route) in front of
 * the real server, the expiry by ending the session in the database, as its lifetime running out would.
 */
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUser } from '../../server/auth/users.js';
import { RAMP_DEPRIVATION } from '../../client/map/measures.js';
import { t } from '../../client/i18n/messages.js';
import { deleteUsers } from '../helpers/api.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { BROWSER_TEST_MS, expectPainted, launchChromium, poll, recordedPage, screenshot, settled, type Recorded } from '../helpers/browser.js';
import { startServer, type RunningServer } from '../helpers/server.js';

// every wait may take BROWSER_WAIT_MS under software WebGL on a busy machine; a test holds several
vi.setConfig({ testTimeout: BROWSER_TEST_MS });

const PREFIX = 'e2eerrors';
const PASSWORD = 'correct horse battery staple';
let server: RunningServer;
let browser: Browser;
let analyst: string;
let session: Recorded;
let page: Page;

const HOUSEHOLD_SEARCH = (url: URL) => url.pathname === '/api/households';

/** A problem+json answer, as the server (or a proxy in front of it) would give one. */
function problem(status: number, detail: string) {
  return (route: Route) => route.fulfill({
    status,
    contentType: 'application/problem+json',
    body: JSON.stringify({ type: 'about:blank', title: status === 503 ? 'Service Unavailable' : 'Internal Server Error', status, detail }),
  });
}

beforeAll(async () => {
  server = await startServer(testDatabaseUrl());
  await server.app.db('app_user').where('username', 'like', `${PREFIX}\\_%`).delete();
  analyst = `${PREFIX}_analyst_${process.pid}`;
  await createUser(server.app.db, { username: analyst, password: PASSWORD, role: 'analyst', grants: ['30'], pii: false });
  browser = await launchChromium();
});

// every case in a fresh context: no routes, storage or session left over from another
beforeEach(async () => {
  session = await recordedPage(browser);
  page = session.page;
});
afterEach(async () => {
  await session.context.close();
});

afterAll(async () => {
  await browser?.close();
  if (server) {
    await deleteUsers(server.app, PREFIX);
    await server.close();
  }
});

describe('the server fails', () => {
  it('503 on the definitions at start-up: the page says why instead of staying blank', async () => {
    await page.route((url) => url.pathname === '/api/meta', problem(503, 'the database is not answering'));
    await page.goto(`${server.url}/?lang=en`);
    const fatal = page.locator('#fatal');
    await poll(() => fatal.isVisible()).toBe(true);
    expect(await fatal.textContent()).toContain('the database is not answering');
    await screenshot(page, '40-meta-503');
  });

  it("500 on an area's figures: the panel says so, the map is still painted", async () => {
    await page.route((url) => url.pathname === '/api/areas/30', problem(500, 'figures could not be read'));
    // with its camera in the link: without the area's box the map has nowhere to fly and keeps the country view
    await page.goto(`${server.url}/area/30?lang=en&at=7/15/102`);
    await settled(page, /^\/area\/30\?/);
    const alert = page.getByTestId('area-panel').getByRole('alert');
    await poll(() => alert.textContent()).toContain('figures could not be read');
    expect(await alert.textContent()).toContain(t('error', 'en'));
    await expectPainted(page, RAMP_DEPRIVATION, 2);
    await screenshot(page, '41-area-500');
  });

  it("the network drops an area's request: the panel says the request failed, the map is still painted", async () => {
    await page.route((url) => url.pathname === '/api/areas/30', (route) => route.abort('internetdisconnected'));
    // with its camera in the link: without the area's box the map has nowhere to fly and keeps the country view
    await page.goto(`${server.url}/area/30?lang=en&at=7/15/102`);
    await settled(page, /^\/area\/30\?/);
    const alert = page.getByTestId('area-panel').getByRole('alert');
    await poll(() => alert.textContent()).toContain(t('error', 'en'));
    // Chromium's fetch rejects with "Failed to fetch": whatever the words, the alert carries more than the prefix
    expect(((await alert.textContent()) ?? '').length).toBeGreaterThan(`${t('error', 'en')}: `.length);
    await expectPainted(page, RAMP_DEPRIVATION, 2);
  });

  it('503 on the household search: the results line says so, the filter stays usable', async () => {
    await signIn('/households?province=30&lang=en');
    await page.route(HOUSEHOLD_SEARCH, problem(503, 'too many requests at once, try again'));
    await page.getByTestId('filter-card').selectOption('with');
    await page.getByTestId('filter-submit').click();
    const status = page.getByTestId('results-status');
    await poll(() => status.textContent()).toContain('too many requests at once, try again');
    expect(await status.getAttribute('class')).toContain('error');
    expect(await page.getByTestId('filter-submit').isEnabled()).toBe(true);
    // and once the server answers again, the next search finds households
    await page.unroute(HOUSEHOLD_SEARCH);
    await page.getByTestId('filter-card').selectOption('without');
    await page.getByTestId('filter-submit').click();
    await poll(async () => Number(await status.getAttribute('data-total'))).toBeGreaterThan(0);
  });
});

describe('the session expires', () => {
  it('on the household screen: the next search sends the analyst back to sign in, with the reason', async () => {
    await signIn('/households?province=30&lang=en');
    const status = page.getByTestId('results-status');
    await poll(async () => Number(await status.getAttribute('data-total'))).toBeGreaterThan(0);
    expect(await page.getByTestId('household-table').locator('tbody tr').count()).toBeGreaterThan(0);

    // the session's lifetime runs out on the server (sessions end at expires_at)
    const user = await server.app.db('app_user').where({ username: analyst }).first('id');
    const ended = await server.app.db('user_session').where({ user_id: user.id }).update({ expires_at: new Date(Date.now() - 60_000) });
    expect(ended).toBeGreaterThan(0);

    await page.getByTestId('filter-card').selectOption('without');
    await page.getByTestId('filter-submit').click();
    // back at the sign-in prompt, which says what is needed; no household row is left on screen
    await poll(() => page.getByTestId('screen-sign-in').isVisible()).toBe(true);
    expect(await page.getByTestId('households-screen').textContent()).toContain(t('need_sign_in', 'en'));
    expect(await page.getByTestId('household-table').count()).toBe(0);
    await poll(() => page.getByTestId('sign-in').isVisible()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.getItem('povmap.session'))).toBeNull();
    await screenshot(page, '42-session-expired');
  });
});

async function signIn(path: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.getByTestId('screen-sign-in').click();
  await page.getByTestId('login-username').fill(analyst);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await poll(() => page.getByTestId('user-name').textContent()).toContain(analyst);
}
