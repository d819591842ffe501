/**
 * The area dashboard in a browser (issue 24): Udon Thani's dashboard in Thai and in English with each
 * of its three parts filled from the test database, its figures the API's, a link followed to the
 * map, the way in from the area panel, the search by district inside the province, and the page
 * printed to an A4 PDF whose pages are not blank (pdftoppm, as the report's test does).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { testDatabaseUrl } from '../helpers/database.js';
import { ARTIFACTS, BROWSER_TEST_MS, BROWSER_WAIT_MS, launchChromium, poll, recordedPage, screenshot, settled, type Recorded } from '../helpers/browser.js';
import { startServer, type RunningServer } from '../helpers/server.js';

vi.setConfig({ testTimeout: BROWSER_TEST_MS });

let server: RunningServer;
let browser: Browser;
let session: Recorded;
let page: Page;

async function api<T>(p: string): Promise<T> {
  return (await fetch(`${server.url}${p}`)).json() as Promise<T>;
}

/** Open a dashboard and wait until every part has settled. */
async function openDashboard(p: string): Promise<void> {
  await page.goto(`${server.url}${p}`);
  await page.waitForSelector('[data-testid=dashboard-screen][data-dashboard-ready]', { state: 'attached', timeout: BROWSER_WAIT_MS });
  expect(await page.getByTestId('dashboard-screen').getAttribute('data-dashboard-ready')).toBe('1');
}

const text = async (testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

beforeAll(async () => {
  server = await startServer(testDatabaseUrl());
  browser = await launchChromium();
  session = await recordedPage(browser);
  page = session.page;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Udon Thani\'s dashboard', () => {
  it('in Thai: the three parts filled, each figure the API\'s', async () => {
    const area = await api<{ year: number; target_households: number; indicators: Array<{ id: string; contribution: number }>;
      finance: { debt_households: number; no_finance_households: number } }>('/api/areas/41');
    const context = await api<{ economy: { gpp_million_baht: number }; centres: { staff: number }; projects: { projects: number } }>('/api/areas/41/context?limit=10');
    const assistance = await api<{ helped_share: number }>(`/api/areas/41/assistance?year=${area.year}`);
    await openDashboard('/area/41/dashboard');
    expect(await text('dashboard-area')).toBe(`อุดรธานี · พ.ศ. ${area.year + 543}`);
    expect(await page.locator('#dash-urgent h2').textContent()).toBe('1. ปัญหาเร่งด่วนที่ต้องแก้ไข');
    // part 1: targets, the five problems ranked by contribution, where to act
    expect(await text('dash-target-households')).toBe(area.target_households.toLocaleString('th-TH'));
    const worst = [...area.indicators].sort((a, b) => b.contribution - a.contribution)[0];
    expect(await page.getByTestId('dash-problems').locator('tbody tr').count()).toBe(5);
    expect(await page.getByTestId('dash-problems').locator('tbody tr a').first().getAttribute('href')).toBe(`/area/41?measure=hc_${worst.id}`);
    expect(await page.getByTestId('dash-where-table').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('dash-ranking-neet').locator('li').count()).toBeGreaterThan(0);
    // household debt and access to finance, unemployment and under-employment (issue 24)
    expect(await page.getByTestId('dash-finance-table').locator('tbody tr').count()).toBe(3);
    expect(await page.getByTestId('dash-finance-debt').getAttribute('href')).toBe('/area/41?measure=debt_share');
    const finance = (await page.getByTestId('dash-finance-table').textContent()) ?? '';
    expect(finance).toContain(area.finance.debt_households.toLocaleString('th-TH'));
    expect(finance).toContain(area.finance.no_finance_households.toLocaleString('th-TH'));
    expect(await page.getByTestId('dash-pressing').textContent()).toContain('ผู้ว่างงานอายุ 15-59 ปี');
    expect(await page.getByTestId('dash-ranking-no-finance').locator('li').count()).toBeGreaterThan(0);
    // part 2: economy, HAI, centres, projects
    expect(await text('dash-gpp')).toBe(Math.round(context.economy.gpp_million_baht).toLocaleString('th-TH'));
    expect(await page.getByTestId('dash-hai').locator('tbody tr').count()).toBe(8);
    expect(await page.getByTestId('dash-centres').textContent()).toContain(context.centres.staff.toLocaleString('th-TH'));
    expect(await text('dash-projects-total')).toContain(context.projects.projects.toLocaleString('th-TH'));
    // part 3: helped share, projects by stage, what to speed up; the analysts' parts ask to sign in
    expect(await text('dash-helped-share')).toBe(new Intl.NumberFormat('th-TH', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(assistance.helped_share));
    expect(await page.getByTestId('dash-stage-projects').locator('tbody tr').count()).toBe(3);
    expect(await page.getByTestId('dash-stages').textContent()).toContain('เข้าสู่ระบบ');
    expect(await page.getByTestId('dash-speed-up').locator('li, tr').count()).toBeGreaterThan(0);
    await screenshot(page, '60-dashboard-41-th');
  });

  it('in English, and a figure followed to the map', async () => {
    await openDashboard('/area/41/dashboard?lang=en');
    expect(await text('dashboard-area')).toMatch(/^Udon Thani · \d{4}$/);
    expect(await page.locator('#dash-readiness h2').textContent()).toBe('2. Potential and readiness');
    expect(await page.locator('#dash-progress h2').textContent()).toBe('3. Progress');
    await screenshot(page, '61-dashboard-41-en');
    const first = page.getByTestId('dash-where-table').locator('tbody tr a').first();
    const href = (await first.getAttribute('href'))!;
    const code = href.match(/^\/area\/(\d+)\?/)![1];
    expect(code).toMatch(/^41\d\d$/);
    await first.click();
    await settled(page, new RegExp(`^/area/${code}\\?`));
    await poll(() => page.getByTestId('area-panel').getAttribute('data-area')).toBe(code);
    expect(await page.locator('#map-screen').isVisible()).toBe(true);
    expect(await page.getByTestId('dashboard-screen').isVisible()).toBe(false);
  });

  it('at country level: the ten provinces with the most households lacking access to finance', async () => {
    const ranking = await api<{ items: Array<{ code: string; name_en: string; value: number }> }>('/api/rankings?level=province&by=no_finance_households&limit=10');
    await openDashboard('/area/TH/dashboard?lang=en');
    const items = page.getByTestId('dash-ranking-no-finance').locator('li');
    expect(await items.count()).toBe(10);
    expect(await page.getByTestId('dash-ranking-no-finance').locator('h4').textContent()).toContain('most households lacking access to finance');
    // the link keeps the page's language (lang=en) after the measure
    const href = new URL((await items.first().locator('a').getAttribute('href'))!, server.url);
    expect([href.pathname, href.searchParams.get('measure')]).toEqual([`/area/${ranking.items[0].code}`, 'no_finance_share']);
    expect(await items.first().textContent()).toContain(ranking.items[0].value.toLocaleString('en'));
    expect(await page.getByTestId('dash-finance').textContent()).toContain('Households without access to finance');
  });

  it('opens from the area panel and finds a district of the province by name', async () => {
    await page.goto(`${server.url}/area/41?lang=en`);
    await settled(page, /^\/area\/41\?/);
    await page.getByTestId('open-dashboard').click();
    await page.waitForURL((u) => u.pathname === '/area/41/dashboard');
    await page.waitForSelector('[data-testid=dashboard-screen][data-dashboard-ready="1"]', { state: 'attached', timeout: BROWSER_WAIT_MS });
    const district = (await api<{ children: Array<{ code: string; name_en: string }> }>('/api/areas/41/children')).children.find((c) => c.name_en)!;
    await page.getByTestId('dash-search-input').fill(district.name_en);
    await poll(() => page.getByTestId('dash-search-results').locator('li').first().getAttribute('data-code')).toBe(district.code);
    await page.getByTestId('dash-search-input').press('Enter');
    await page.waitForURL((u) => u.pathname === `/area/${district.code}/dashboard`);
    await page.waitForSelector('[data-testid=dashboard-screen][data-dashboard-ready="1"]', { state: 'attached', timeout: BROWSER_WAIT_MS });
    expect(await text('dashboard-area')).toContain(district.name_en);
  });

  it('a late answer for the area left behind does not draw over the area moved to', async () => {
    const district = (await api<{ children: Array<{ code: string; name_en: string }> }>('/api/areas/41/children')).children.find((c) => c.name_en)!;
    // hold back the province's summary until the district's page has been drawn
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let asked = false;
    let answered = false;
    await page.route((u) => u.pathname === '/api/areas/41', async (route) => {
      asked = true;
      await held;
      await route.continue();
      answered = true;
    });
    onTestFinished(() => page.unrouteAll({ behavior: 'ignoreErrors' }));
    await page.goto(`${server.url}/area/41/dashboard?lang=en`);
    await poll(() => asked, 'the province\'s summary was asked for').toBe(true);
    await page.evaluate((code) => {
      history.pushState(null, '', `/area/${code}/dashboard?lang=en`);
      dispatchEvent(new PopStateEvent('popstate'));
    }, district.code);
    await page.waitForSelector('[data-testid=dashboard-screen][data-dashboard-ready="1"]', { state: 'attached', timeout: BROWSER_WAIT_MS });
    expect(await text('dashboard-area')).toContain(district.name_en);
    release();
    await poll(() => answered).toBe(true);
    // the province's render has its answer now; give it the tasks it would take to draw
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(await text('dashboard-area')).toContain(district.name_en);
    expect(await page.getByTestId('dashboard-screen').getAttribute('data-dashboard-ready')).toBe('1');
  });

  it.skipIf(!fs.existsSync('/usr/bin/pdftoppm'))('prints to A4 pages that are not blank', async () => {
    await openDashboard('/area/41/dashboard?lang=en');
    await page.emulateMedia({ media: 'print' });
    const pdf = path.join(ARTIFACTS, 'dashboard-41-en.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-dashboard-'));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true })); // the pages' PNGs; the PDF stays in ARTIFACTS
    execFileSync('pdftoppm', ['-png', '-r', '50', pdf, path.join(dir, 'page')]);
    const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
    expect(pages.length).toBeGreaterThanOrEqual(1);
    fs.copyFileSync(path.join(dir, pages[0]), path.join(ARTIFACTS, '62-dashboard-page-1.png'));
    for (const [i, file] of pages.entries()) {
      const png = PNG.sync.read(fs.readFileSync(path.join(dir, file)));
      let inked = 0;
      for (let o = 0; o < png.data.length; o += 4) if (png.data[o] < 240 || png.data[o + 1] < 240 || png.data[o + 2] < 240) inked++;
      expect(inked / (png.width * png.height), `page ${i + 1} is blank`).toBeGreaterThan(0.005);
    }
    // the first page carries the heading and the first part, not the map or the header
    const words = execFileSync('pdftotext', ['-l', '1', pdf, '-']).toString();
    expect(words).toContain('Udon Thani');
    expect(words).toContain('1. Urgent issues to act on');
  });
});
