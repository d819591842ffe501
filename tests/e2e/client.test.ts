/**
 * The map client end to end: a real server (buildApp over the test database, on a free port,
 * serving the built client) driven through Debian's chromium. One server and one browser for the
 * whole file; each test starts from its own URL, as a user's link would, so any one runs alone
 * (vitest -t) and none depends on where the one before left the page.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUser } from '../../server/auth/users.js';
import { RAMP_DEPRIVATION } from '../../client/map/measures.js';
import { classLabel, GI_CLASSES, MISMATCH_CLASSES, MORAN_CLASSES, RAMP_CHANGE } from '../../client/map/hotspot-views.js';
import { SERVICE_COLORS } from '../../client/layers/service-icons.js';
import { PIN_COLOR } from '../../client/layers/household-pin.js';
import { deleteUsers } from '../helpers/api.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { BROWSER_TEST_MS, BROWSER_WAIT_MS, countColours, expectPainted, findColour, launchChromium, outsideHosts, poll, recordedPage, screenshot, settled as settledOn, type Recorded } from '../helpers/browser.js';
import { startServer, type RunningServer } from '../helpers/server.js';

// every wait may take BROWSER_WAIT_MS under software WebGL on a busy machine; a test holds several
vi.setConfig({ testTimeout: BROWSER_TEST_MS });

const PREFIX = 'e2eclient';
const PASSWORD = 'correct horse battery staple';
let server: RunningServer;
let browser: Browser;
let session: Recorded;
let page: Page;
let analyst: string;
/** The district of Nakhon Ratchasima (30) holding the provincial capital's point: a click there from the province lands in it. */
let district: string;
// Nakhon Ratchasima (30): the demo's province cells are seeded at the capitals' real coordinates.
const KORAT = { lon: 102.1, lat: 14.97 };

/** Where a place is on screen, from the camera in the URL (`at=zoom/lat/lon`, 512-px Web Mercator). */
async function screenPoint(lon: number, lat: number): Promise<{ x: number; y: number }> {
  const at = new URL(page.url()).searchParams.get('at');
  if (!at) throw new Error(`no camera in ${page.url()}`);
  const [zoom, cLat, cLon] = at.split('/').map(Number);
  const world = 512 * 2 ** zoom;
  const mx = (l: number) => ((l + 180) / 360) * world;
  const my = (p: number) => ((1 - Math.log(Math.tan(Math.PI / 4 + (p * Math.PI) / 360)) / Math.PI) / 2) * world;
  const box = (await page.locator('#map').boundingBox())!;
  return { x: box.x + box.width / 2 + mx(lon) - mx(cLon), y: box.y + box.height / 2 + my(lat) - my(cLat) };
}

const settled = (urlPattern: RegExp) => settledOn(page, urlPattern);

/** Open a link and wait until its map has settled. */
async function open(path: string, urlPattern: RegExp): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await settled(urlPattern);
}

async function panelName(): Promise<string> {
  return (await page.getByTestId('area-name').textContent()) ?? '';
}

beforeAll(async () => {
  server = await startServer(testDatabaseUrl());
  const db = server.app.db;
  await db('app_user').where('username', 'like', `${PREFIX}\\_%`).delete();
  analyst = `${PREFIX}_analyst_${process.pid}`;
  await createUser(db, { username: analyst, password: PASSWORD, role: 'analyst', grants: ['TH'], pii: false });
  const { rows } = await db.raw(`select code from admin_area where level = 'district' and province_code = '30'
                                 and st_contains(geom, st_setsrid(st_point(?, ?), 4326))`, [KORAT.lon, KORAT.lat]);
  expect(rows).toHaveLength(1);
  district = rows[0].code;
  browser = await launchChromium();
  session = await recordedPage(browser, { acceptDownloads: true, csp: true });
  page = session.page;
});

afterAll(async () => {
  await browser?.close();
  if (server) {
    await deleteUsers(server.app, PREFIX);
    await server.close();
  }
});

describe('map client', () => {

  it('paints Thailand coloured by the target share, with a Thai legend', async () => {
    await open('/', /^\/\?/);
    const rendered = Number(await page.locator('#map').getAttribute('data-rendered-areas'));
    expect(rendered).toBeGreaterThanOrEqual(70);
    expect(await page.locator('#map').getAttribute('data-level')).toBe('province');
    // Pixels, not just features: at least three classes of the ramp cover a good part of the map.
    const counts = await expectPainted(page, RAMP_DEPRIVATION, 3, 500);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(40_000);
    await poll(() => page.getByTestId('legend-title').textContent()).toBe('สัดส่วนครัวเรือนเป้าหมาย');
    expect(await page.getByTestId('legend').textContent()).toContain('พ.ศ.');
    expect(await panelName()).toBe('ประเทศไทย');
    await screenshot(page, '01-country');
  });

  it('drills into a province and then a district by clicking, with the URL and panel following', async () => {
    await open('/', /^\/\?/);
    const p = await screenPoint(KORAT.lon, KORAT.lat);
    await page.mouse.move(p.x, p.y);
    await poll(() => page.getByTestId('tooltip').isVisible()).toBe(true);
    expect(await page.getByTestId('tooltip').textContent()).toContain('นครราชสีมา');
    await page.mouse.click(p.x, p.y);
    await settled(/^\/area\/30\?/);
    await poll(panelName).toBe('นครราชสีมา');
    expect(await page.locator('#map').getAttribute('data-level')).toBe('district');
    await poll(() => page.getByTestId('top-children').locator('li').count()).toBe(10);
    await expectPainted(page, RAMP_DEPRIVATION, 3);
    await screenshot(page, '02-province');

    const q = await screenPoint(KORAT.lon, KORAT.lat);
    await page.mouse.click(q.x, q.y);
    await settled(/^\/area\/30[0-9]{2}\?/);
    expect(new URL(page.url()).pathname).toBe(`/area/${district}`);
    await poll(() => page.getByTestId('area-panel').getAttribute('data-area')).toBe(district);
    expect(await page.locator('#map').getAttribute('data-level')).toBe('subdistrict');
    expect(await page.getByTestId('breadcrumb').textContent()).toContain('นครราชสีมา');
    await expectPainted(page, RAMP_DEPRIVATION, 2);
    await screenshot(page, '03-district');
  });

  it('climbs back with the breadcrumb, walks history with back/forward, and survives a reload', async () => {
    await open(`/area/${district}`, new RegExp(`^/area/${district}\\?`));
    await page.getByTestId('breadcrumb').locator('a[data-code="30"]').click();
    await settled(/^\/area\/30\?/);
    await poll(panelName).toBe('นครราชสีมา');
    await page.goBack();
    await poll(() => new URL(page.url()).pathname).toBe(`/area/${district}`);
    await poll(() => page.getByTestId('area-panel').getAttribute('data-area')).toBe(district);
    await page.goForward();
    await poll(() => new URL(page.url()).pathname).toBe('/area/30');
    await poll(panelName).toBe('นครราชสีมา');
    await page.goBack();
    await poll(() => page.getByTestId('area-panel').getAttribute('data-area')).toBe(district);
    const before = page.url();
    await page.reload();
    await settled(new RegExp(`^/area/${district}\\?`));
    expect(page.url()).toBe(before);
    await poll(() => page.getByTestId('area-panel').getAttribute('data-area')).toBe(district);
    expect(await page.locator('#map').getAttribute('data-level')).toBe('subdistrict');
  });

  it('switches the schools-and-clinics overlay on, drawing symbols by kind', async () => {
    await open(`/area/${district}`, new RegExp(`^/area/${district}\\?`));
    expect(await page.locator('#map').getAttribute('data-rendered-overlays')).toBe('0');
    await page.getByTestId('layer-services').check();
    await page.waitForURL((u) => u.searchParams.get('layers') === 'services');
    await poll(async () => Number(await page.locator('#map').getAttribute('data-rendered-overlays'))).toBeGreaterThan(0);
    const [school, hospital, clinic] = await countColours(page, '#map', [SERVICE_COLORS.school, SERVICE_COLORS.hospital, SERVICE_COLORS.health_promoting_hospital]);
    expect(school + hospital + clinic).toBeGreaterThan(50);
    // A click on a symbol opens its popup (the first pixel found is a circle's top: click below it).
    const symbol = await findColour(page, '#map', SERVICE_COLORS.health_promoting_hospital);
    expect(symbol).not.toBeNull();
    await page.mouse.click(symbol!.x, symbol!.y + 6);
    await poll(() => page.getByTestId('service-popup').isVisible()).toBe(true);
    expect(await page.getByTestId('service-popup').textContent()).toContain('โรงพยาบาลส่งเสริมสุขภาพตำบล');
    expect(new URL(page.url()).pathname).toBe(`/area/${district}`);
    await screenshot(page, '04-services');
    await page.locator('.maplibregl-popup-close-button').click();
  });

  it('switches the night-light overlay on: PNG tiles of the survey year under a ramp key', async () => {
    await open(`/area/${district}`, new RegExp(`^/area/${district}\\?`));
    const png = page.waitForResponse((r) => /\/tiles\/nightlight\/\d{4}\/\d+\/\d+\/\d+\.png(\?|$)/.test(r.url()) && r.status() === 200);
    await page.getByTestId('layer-nightlight').check();
    await page.waitForURL((u) => (u.searchParams.get('layers') ?? '').split(',').includes('nightlight'));
    const response = await png;
    expect(response.headers()['content-type']).toBe('image/png');
    const year = Number(new URL(page.url()).searchParams.get('year') ?? (await page.getByTestId('year-select').inputValue()));
    expect(response.url()).toContain(`/tiles/nightlight/${year}/`);
    expect(await page.getByTestId('nightlight-key').textContent()).toContain('nW/cm²/sr');
    // the area panel reads the same figures the API gives for the selected area
    const code = new URL(page.url()).pathname.split('/').pop()!;
    const api = await (await fetch(`${server.url}/api/areas/${code}/nightlight?year=${year}`)).json();
    await poll(() => page.getByTestId('nightlight-mean').textContent()).toContain(api.radiance_mean.toFixed(2));
    await screenshot(page, '04b-nightlight');
    await page.getByTestId('layer-nightlight').uncheck();
    await page.waitForURL((u) => !(u.searchParams.get('layers') ?? '').includes('nightlight'));
  });

  it("shows the selected area's access to schools and clinics, as the API gives them", async () => {
    await open(`/area/${district}`, new RegExp(`^/area/${district}\\?`));
    const code = new URL(page.url()).pathname.split('/').pop()!;
    const year = Number(new URL(page.url()).searchParams.get('year') ?? (await page.getByTestId('year-select').inputValue()));
    const api = await (await fetch(`${server.url}/api/areas/${code}/access?year=${year}`)).json();
    const service = (name: string) => api.services.find((s: { service: string }) => s.service === name);
    const far10 = service('clinic').far.find((f: { km: number }) => f.km === 10).share as number;
    await poll(() => page.getByTestId('access-school-mean').textContent()).toContain(service('school').mean_km.toFixed(1));
    expect(await page.getByTestId('access-clinic-far10').textContent()).toContain((far10 * 100).toFixed(1));
    expect(await page.getByTestId('access-clinic-2sfca').textContent()).toContain(api.clinic_2sfca.per_1000_people.toFixed(2));
  });

  it('switches the language to English and back', async () => {
    await open(`/area/${district}`, new RegExp(`^/area/${district}\\?`));
    await page.getByTestId('lang-en').click();
    await page.waitForURL((u) => u.searchParams.get('lang') === 'en');
    expect(await page.getByTestId('app-title').textContent()).toBe('Multidimensional poverty map');
    await poll(() => page.getByTestId('legend-title').textContent()).toBe('Target household share');
    expect(await page.getByTestId('breadcrumb').textContent()).toContain('Thailand');
    expect(await page.getByTestId('area-panel').textContent()).toContain('Households');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(page, '05-english');
    await page.getByTestId('lang-th').click();
    await poll(() => page.getByTestId('app-title').textContent()).toBe('แผนที่ความยากจนหลายมิติ');
  });

  it('colours by another measure and says so in the legend', async () => {
    await open(`/area/${district}`, new RegExp(`^/area/${district}\\?`));
    await page.getByTestId('measure-select').selectOption('hc_income_threshold');
    await page.waitForURL((u) => u.searchParams.get('measure') === 'hc_income_threshold');
    // the first classes of a level and measure are computed by the server over all its areas: seconds
    await poll(() => page.getByTestId('legend-title').textContent()).toContain('38,000');
  });

  it('colours by group 4 of the registry linkage (people in no survey), with classes from the server and its help line', async () => {
    await open('/?lang=en', /^\/\?/);
    await page.getByTestId('measure-select').selectOption('exclusion_errors');
    await page.waitForURL((u) => u.searchParams.get('measure') === 'exclusion_errors');
    await poll(() => page.getByTestId('legend-title').textContent()).toBe('Exclusion errors: in a registry, in no survey (people, 4)');
    // the legend is filled: the first class says the counts of its provinces (whole people, no share)
    await poll(() => page.getByTestId('legend-classes').locator('li[data-class="0"]').textContent()).toMatch(/^[0-9,]+( – [0-9,]+)?$/);
    expect(await page.getByTestId('legend-note').textContent()).toContain('valid national id and no survey record');
  });

  it('switches the survey year and the classing method through the URL', async () => {
    await open(`/area/${district}`, new RegExp(`^/area/${district}\\?`));
    await page.getByTestId('year-select').selectOption('2022');
    await page.waitForURL((u) => u.searchParams.get('year') === '2022');
    await poll(() => page.getByTestId('legend').textContent()).toContain('พ.ศ. 2565');
    await poll(() => page.getByTestId('year-select').inputValue()).toBe('2022');
    // Back to the target share: the income indicator's published subdistrict values here are all 0
    // (its non-zero counts are 1 to 4 households, withheld), one class whatever the method.
    await page.getByTestId('measure-select').selectOption('target_share');
    await page.waitForURL((u) => !u.searchParams.has('measure') || u.searchParams.get('measure') === 'target_share');
    await page.getByTestId('class-method').selectOption('jenks');
    await page.waitForURL((u) => u.searchParams.get('classes') === 'jenks');
    await poll(() => page.getByTestId('class-method').inputValue()).toBe('jenks');
    // the map is neutral until the server's Jenks classes of the year arrive (seconds the first time)
    const classesShown = async () => (await countColours(page, '#map', RAMP_DEPRIVATION)).filter((n) => n > 100).length;
    await poll(classesShown).toBeGreaterThanOrEqual(3);
  });
});

describe('hotspot views', () => {
  const legendClasses = () => page.getByTestId('legend-classes').locator('li[data-class]')
    .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-class')));

  it('paints the Gi* hotspots with their own legend and method note, the view in the URL', async () => {
    await page.goto(`${server.url}/?measure=gi_class&lang=en`);
    await settled(/^\/\?/);
    expect(new URL(page.url()).searchParams.get('measure')).toBe('gi_class');
    await poll(() => page.getByTestId('legend-title').textContent()).toBe('Statistical hotspots (Gi*)');
    expect(await legendClasses()).toEqual(GI_CLASSES.map((c) => c.value));
    const legend = (await page.getByTestId('legend').textContent()) ?? '';
    for (const text of ['Hotspot, 99 % confidence', 'Coldspot, 99 % confidence', 'Not significant']) expect(legend).toContain(text);
    expect(await page.getByTestId('legend-note').textContent()).toMatch(/Getis-Ord Gi\*.*queen.*row-standardised.*FDR/);
    expect(await page.getByTestId('measure-select').inputValue()).toBe('gi_class');
    // The demo data clusters poverty: some provinces are hot and some cold at 95 % (FDR).
    const counts = await countColours(page, '#map', GI_CLASSES.map((c) => c.color));
    expect(counts.slice(0, 3).reduce((a, b) => a + b, 0)).toBeGreaterThan(300);
    expect(counts.slice(4).reduce((a, b) => a + b, 0)).toBeGreaterThan(300);
    await screenshot(page, '10-hotspots');
  });

  it('switches to the local Moran clusters and to the change view in the picker; back and reload keep the view', async () => {
    await open('/?measure=gi_class&lang=en', /^\/\?/);
    await page.getByTestId('measure-select').selectOption('moran_class');
    await page.waitForURL((u) => u.searchParams.get('measure') === 'moran_class');
    await poll(legendClasses).toEqual(MORAN_CLASSES.map((c) => c.value));
    expect(await page.getByTestId('legend-note').textContent()).toContain('999');
    await page.waitForSelector('#map[data-idle="1"]', { state: 'attached', timeout: BROWSER_WAIT_MS });
    const moran = await countColours(page, '#map', MORAN_CLASSES.map((c) => c.color));
    expect(moran[0] + moran[1]).toBeGreaterThan(300); // high-high and low-low clusters

    await page.getByTestId('measure-select').selectOption('change_target_share');
    await page.waitForURL((u) => u.searchParams.get('measure') === 'change_target_share');
    await poll(() => page.getByTestId('legend-title').textContent()).toBe('Change since previous survey year');
    await poll(legendClasses).toEqual(['0', '1', '2', '3', '4', '5', '6', 'crossed-up', 'crossed-down']);
    await page.waitForSelector('#map[data-idle="1"]', { state: 'attached', timeout: BROWSER_WAIT_MS });
    const change = await countColours(page, '#map', RAMP_CHANGE);
    expect(change.filter((n) => n > 100).length).toBeGreaterThanOrEqual(2);
    await screenshot(page, '11-change');

    await page.goBack();
    await poll(() => new URL(page.url()).searchParams.get('measure')).toBe('moran_class');
    await poll(legendClasses).toEqual(MORAN_CLASSES.map((c) => c.value));
    await page.reload();
    await settled(/^\/\?/);
    expect(new URL(page.url()).searchParams.get('measure')).toBe('moran_class');
    await poll(() => page.getByTestId('measure-select').inputValue()).toBe('moran_class');
    await poll(legendClasses).toEqual(MORAN_CLASSES.map((c) => c.value));
  });

  it('paints the light-vs-poverty mismatch classes with their legend and note', async () => {
    await page.goto(`${server.url}/?measure=light_mismatch&lang=en`);
    await settled(/^\/\?/);
    await poll(() => page.getByTestId('legend-title').textContent()).toBe('Night lights vs poverty mismatch');
    await poll(legendClasses).toEqual(MISMATCH_CLASSES.map((c) => c.value));
    expect(await page.getByTestId('legend-note').textContent()).toMatch(/Least-squares.*ln\(1 \+ mean night light\)/);
    // a few demo provinces are poorer than their lights predict; most are as expected
    const [poorer, expected] = await countColours(page, '#map', MISMATCH_CLASSES.slice(0, 2).map((c) => c.color));
    expect(poorer).toBeGreaterThan(50);
    expect(expected).toBeGreaterThan(poorer);
    await screenshot(page, '12-light-mismatch');
  });

  it('says there is no change in the first survey year instead of waiting', async () => {
    await page.goto(`${server.url}/?measure=change_target_share&year=2022&lang=en`);
    await settled(/^\/\?/);
    await poll(() => page.getByTestId('legend-no-change').textContent()).toBe('No previous survey year');
  });

  it("shows the selected area's hotspot class and change in the panel", async () => {
    const api = await (await fetch(`${server.url}/api/hotspots/area/30?year=2023`)).json();
    await page.goto(`${server.url}/area/30?year=2023&measure=gi_class&lang=en`);
    await settled(/^\/area\/30\?/);
    const label = classLabel(GI_CLASSES, api.gi_class, 'en');
    await poll(() => page.getByTestId('hotspot-gi').textContent()).toContain(label);
    expect(await page.getByTestId('area-hotspot').getAttribute('data-gi-class')).toBe(api.gi_class);
    expect(await page.getByTestId('hotspot-change').textContent()).toContain('2022');
    expect(await page.getByTestId('hotspot-change').textContent()).toMatch(/[+-]?\d+\.\d pp/);
  });
});

/**
 * Run a test in a browser context of its own: a sign-in lives in the tab's sessionStorage, so a test
 * that signs in must not share the file's page, or a failure before its sign-out would leave the
 * next tests signed in (seeing figures the public never sees). Its console errors, hosts and CSP
 * violations are checked like the shared page's.
 */
async function inOwnContext(test: (page: Page) => Promise<void>): Promise<void> {
  const own = await recordedPage(browser, { acceptDownloads: true, csp: true });
  try {
    await test(own.page);
    expect(own.cspViolations).toEqual([]);
    expect(own.consoleErrors).toEqual([]);
    expect(outsideHosts(own)).toEqual([]);
  } finally {
    await own.context.close();
  }
}

describe('analyst household search', () => {
  it('signs in, filters households, exports the same rows as CSV, and shows one on the map', () => inOwnContext(async (page) => {
    await page.goto(`${server.url}/households?dims_any=income`);
    await page.getByTestId('screen-sign-in').click();
    await page.getByTestId('login-username').fill(analyst);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await poll(() => page.getByTestId('user-name').textContent()).toContain(analyst);

    await page.getByTestId('filter-area').fill('30');
    await page.getByTestId('dims_any-health').check();
    await page.getByTestId('filter-card').selectOption('without');
    await page.getByTestId('filter-submit').click();
    await page.waitForURL((u) => u.searchParams.get('province') === '30' && u.searchParams.get('dims_any') === 'health,income');
    const status = page.getByTestId('results-status');
    await poll(() => status.getAttribute('data-total')).not.toBeNull();
    const total = Number(await status.getAttribute('data-total'));
    expect(total).toBeGreaterThan(0);
    const rows = page.getByTestId('household-table').locator('tbody tr');
    expect(await rows.count()).toBe(Math.min(total, 50));
    await screenshot(page, '06-households');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const file = await download.path();
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
    // The CSV's header row follows the interface language (Thai here).
    expect(lines[0].split(',')[0]).toBe('รหัสบ้าน');
    expect(lines.length - 1).toBe(total);
    expect(download.suggestedFilename()).toMatch(/^households-\d{4}-30\.csv$/);

    await rows.first().getByTestId('show-on-map').click();
    await page.waitForURL((u) => u.pathname.startsWith('/area/30') && u.searchParams.has('pin'));
    await page.waitForSelector('#map[data-idle="1"]', { state: 'attached', timeout: BROWSER_WAIT_MS });
    await poll(async () => (await countColours(page, '#map', [PIN_COLOR]))[0]).toBeGreaterThan(20);
    await screenshot(page, '07-household-on-map');

    // Village potential dots are there at this zoom once switched on.
    await page.getByTestId('layer-villages').check();
    await poll(async () => Number(await page.locator('#map').getAttribute('data-rendered-overlays'))).toBeGreaterThan(0);
    const dots = await countColours(page, '#map', ['#762a83', '#c2a5cf', '#1b7837']);
    expect(dots.reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
    await screenshot(page, '08-village-potential');

    await page.getByTestId('sign-out').click();
    await poll(() => page.getByTestId('sign-in').isVisible()).toBe(true);
  }));
});

describe('withheld figures', () => {
  // A subdistrict whose target households number 1-4 (the example was จอเบาะ): public
  // callers get the count withheld, and the panel must say so, never 0 or 0.0 %.
  it('a withheld subdistrict shows "<5" / ไม่เปิดเผย in the panel, not 0.0 %', () => inOwnContext(async (page) => {
    const { rows } = await server.app.db.raw(`select s.code from area_stats s join admin_area a using (code)
      where s.level = 'subdistrict' and s.survey_year = 2023 and s.households >= 5 and s.target_households between 1 and 4
      order by (a.name_th = 'จอเบาะ') desc, s.code limit 1`);
    const code: string = rows[0].code;
    const api = await (await fetch(`${server.url}/api/areas/${code}?year=2023`)).json();
    expect(api.target_households).toBeNull();
    const withheldDims = api.dimensions.filter((d: any) => d.failed_households == null).length;

    await page.goto(`${server.url}/area/${code}?year=2023&lang=en`);
    await poll(() => page.getByTestId('fig-target').textContent()).toContain('<5');
    const target = (await page.getByTestId('fig-target').textContent()) ?? '';
    expect(target).not.toMatch(/0\.0\s*%/);
    expect(target).not.toContain('–');
    const dimTexts = await page.getByTestId('dimension-bars').locator('.bar-value').allTextContents();
    expect(dimTexts.filter((t) => t === '<5').length).toBe(withheldDims);
    if (api.h == null) expect(await page.getByTestId('fig-h').textContent()).toContain('<5');
    await screenshot(page, '09-withheld-subdistrict');

    await page.goto(`${server.url}/area/${code}?year=2023&lang=th`);
    await poll(() => page.getByTestId('fig-target').textContent()).toContain('ไม่เปิดเผย');
    expect(await page.getByTestId('fig-target').textContent()).not.toMatch(/0\.0\s*%/);
  }));
});

describe('the whole session', () => {
  it('ran under the Content-Security-Policy without a single violation', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.headers.get('content-security-policy')).toContain("worker-src 'self' blob:");
    expect(session.cspViolations).toEqual([]);
  });

  it('logged no console error and sent no request beyond localhost', () => {
    expect(session.consoleErrors).toEqual([]);
    expect(session.consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    expect(outsideHosts(session)).toEqual([]);
  });
});
