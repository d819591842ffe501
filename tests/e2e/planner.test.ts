/**
 * The map client as a provincial planner uses it (issue 17), in Chromium against a real server:
 * links land on their area, the legend is the same at every zoom of a level and follows the year,
 * places are found by name in Thai and English, and the list beside the map shows the map's figure.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { testDatabaseUrl } from '../helpers/database.js';
import { BROWSER_TEST_MS, ARTIFACTS, BROWSER_WAIT_MS, countColours, expectPainted, launchChromium, outsideHosts, poll, recordedPage, screenshot, settled as settledOn, type Recorded } from '../helpers/browser.js';
import { RAMP_DEPRIVATION } from '../../client/map/measures.js';
import { startServer, type RunningServer } from '../helpers/server.js';

// every wait may take BROWSER_WAIT_MS under software WebGL on a busy machine; a test holds several
vi.setConfig({ testTimeout: BROWSER_TEST_MS });

let server: RunningServer;
let browser: Browser;
let session: Recorded;
let page: Page;

/** The camera in the URL (`at=zoom/lat/lon`). */
function camera(): { zoom: number; lat: number; lon: number } | null {
  const at = new URL(page.url()).searchParams.get('at');
  if (!at) return null;
  const [zoom, lat, lon] = at.split('/').map(Number);
  return { zoom, lat, lon };
}

const settled = (urlPattern: RegExp) => settledOn(page, urlPattern);

/** The upper bound a legend row prints ("6.43% – 8.87%" → 8.87). */
const topBound = (text: string | null) => Number((text ?? '').match(/([0-9.]+)\s*%\s*$/)?.[1]);

const legendText = async () => (await page.getByTestId('legend-classes').textContent()) ?? '';

async function api<T>(path: string): Promise<T> {
  return (await fetch(`${server.url}${path}`)).json() as Promise<T>;
}

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

describe('links land', () => {
  it.each([
    ['/area/9604', '9604'],
    ['/area/3401?year=2022', '3401'],
  ])('%s flies to the area: the camera lands on its box, showing its children', async (path, code) => {
    const area = await api<{ bbox: [number, number, number, number] }>(`/api/areas/${code}`);
    await page.goto(`${server.url}${path}`);
    await settled(new RegExp(`^/area/${code}\\?`));
    const c = camera()!;
    const [w, s, e, n] = area.bbox;
    expect(c.lon).toBeGreaterThan(w);
    expect(c.lon).toBeLessThan(e);
    expect(c.lat).toBeGreaterThan(s);
    expect(c.lat).toBeLessThan(n);
    expect(c.zoom).toBeGreaterThanOrEqual(9);
    expect(await page.locator('#map').getAttribute('data-level')).toBe('subdistrict');
    await poll(() => page.getByTestId('area-panel').getAttribute('data-area')).toBe(code);
    await screenshot(page, `20-link-${code}`);
    // the landed view is itself a link: loading it again shows the same camera
    const landed = page.url();
    await page.goto(landed);
    await settled(new RegExp(`^/area/${code}\\?`));
    expect(page.url()).toBe(landed);
  });
});

describe('legends that tell the truth', () => {
  it('keeps the same classes after a zoom-out within the level, and they are the server\'s over all provinces', async () => {
    await page.goto(`${server.url}/?year=2023&at=6.4/15.5/101.5`);
    await settled(/^\/\?/);
    await poll(legendText).not.toBe('');
    const before = await legendText();
    const title = await page.locator('#legend').textContent();
    expect(title).toContain('77');
    await screenshot(page, '21-legend-zoomed-in');
    // as the back button would bring it: the same view, zoomed out (still the province band)
    await page.evaluate(() => {
      history.pushState(null, '', location.pathname + location.search.replace(/at=[^&]*/, 'at=5.2/13.5/101'));
      dispatchEvent(new PopStateEvent('popstate'));
    });
    await settled(/at=5\.2\//);
    expect(await page.locator('#map').getAttribute('data-level')).toBe('province');
    expect(await legendText()).toBe(before);
    await screenshot(page, '22-legend-zoomed-out');
    // the top class ends at the largest province share of the year, as the API has it
    const breaks = await api<{ max: number }>('/api/choropleth/breaks?level=province&year=2023&measure=target_share');
    expect(topBound(await page.getByTestId('legend-classes').locator('li[data-class="4"]').textContent())).toBeCloseTo(breaks.max * 100, 1);
  });

  it('follows a year switch: new ranges, the new year named', async () => {
    await page.goto(`${server.url}/?year=2023&at=6.4/15.5/101.5`);
    await settled(/^\/\?/);
    await poll(legendText).not.toBe('');
    const before = await legendText();
    await page.getByTestId('year-select').selectOption('2022');
    await page.waitForURL((u) => u.searchParams.get('year') === '2022');
    await poll(() => page.getByTestId('legend').textContent()).toContain('พ.ศ. 2565');
    await poll(legendText).not.toBe(before);
    const breaks = await api<{ max: number }>('/api/choropleth/breaks?level=province&year=2022&measure=target_share');
    expect(topBound(await page.getByTestId('legend-classes').locator('li[data-class="4"]').textContent())).toBeCloseTo(breaks.max * 100, 1);
    await screenshot(page, '23-legend-2022');
  });

  it('prints an indicator\'s small shares with the decimals they need, never "0.0 % – 0.0 %"', async () => {
    await page.goto(`${server.url}/?measure=hc_income_threshold&lang=en`);
    await settled(/^\/\?/);
    await poll(legendText).not.toBe('');
    const rows = await page.getByTestId('legend-classes').locator('li[data-class]').allTextContents();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row).not.toMatch(/^0\.0\s*%\s*–\s*0\.0\s*%$/);
    expect(new Set(rows).size).toBe(rows.length);
    // the list beside the map shows the same figure, under the legend's own label
    const label = (await page.getByTestId('legend-title').textContent())!;
    expect(label).toContain('censored headcount');
    await poll(() => page.getByTestId('top-children-label').textContent()).toContain(label);
    const ranking = await api<{ items: Array<{ code: string; value: number }> }>('/api/choropleth/ranking?level=province&measure=hc_income_threshold&limit=10');
    const shown = await page.getByTestId('top-children').locator('.rank-value').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    expect(shown).toEqual(ranking.items.map((i) => i.value));
    await screenshot(page, '24-indicator-legend');
  });
});

describe('find places', () => {
  it.each([
    ['อุดร', 'th', 'อุดรธานี'],
    ['udon', 'en', 'Udon Thani'],
  ])('typing "%s" offers Udon Thani first; Enter flies there', async (q, lang, name) => {
    await page.goto(`${server.url}/?lang=${lang}`);
    await settled(/^\/\?/);
    const input = page.getByTestId('search-input');
    await input.click();
    await input.pressSequentially(q, { delay: 40 });
    await poll(() => page.getByTestId('search-results').locator('li').first().textContent()).toContain(name);
    expect(await page.getByTestId('search-results').locator('li').first().getAttribute('data-code')).toBe('41');
    await screenshot(page, `25-search-${lang}`);
    await input.press('Enter');
    await settled(/^\/area\/41\?/);
    await poll(() => page.getByTestId('area-name').textContent()).toBe(name);
    const c = camera()!;
    expect(c.zoom).toBeGreaterThanOrEqual(6);
    expect(c.lat).toBeGreaterThan(16.5);
    expect(c.lat).toBeLessThan(18.5);
  });

  it('moves through the suggestions with the arrow keys', async () => {
    await page.goto(`${server.url}/?lang=en`);
    await settled(/^\/\?/);
    const input = page.getByTestId('search-input');
    await input.click();
    await input.pressSequentially('udon', { delay: 40 });
    await poll(() => page.getByTestId('search-results').getAttribute('data-for')).toBe('udon');
    await poll(() => page.getByTestId('search-results').locator('li').count()).toBeGreaterThan(1);
    await input.press('ArrowDown');
    const second = page.getByTestId('search-results').locator('li').nth(1);
    expect(await second.getAttribute('aria-selected')).toBe('true');
    const code = (await second.getAttribute('data-code'))!;
    await input.press('Enter');
    await settled(new RegExp(`^/area/${code}\\?`));
    await input.press('Escape');
  });
});

describe('names on the map', () => {
  it('writes the names of the provinces, then of the districts, in the language of the page, none colliding', async () => {
    await page.goto(`${server.url}/?lang=en`);
    await settled(/^\/\?/);
    await poll(async () => Number(await page.locator('#map').getAttribute('data-labels'))).toBeGreaterThan(20);
    expect(await page.locator('#map').getAttribute('data-label-names')).toContain('Kanchanaburi');
    await screenshot(page, '26-names-en');
    await page.goto(`${server.url}/area/41?at=8.5/17.4/102.8`);
    await settled(/^\/area\/41\?/);
    await poll(async () => (await page.locator('#map').getAttribute('data-label-names')) ?? '').toContain('เพ็ญ');
    await screenshot(page, '27-names-th');
  });
});

describe('overlays and the panel', () => {
  it('hides the classes under the night lights and says so, rather than mixing colours that match no class', async () => {
    await page.goto(`${server.url}/area/30?lang=en`);
    await settled(/^\/area\/30\?/);
    const classed = await expectPainted(page, RAMP_DEPRIVATION, 2);
    expect(classed.reduce((a, b) => a + b, 0)).toBeGreaterThan(20_000);
    await page.getByTestId('layer-nightlight').check();
    await poll(() => page.getByTestId('legend-hidden').isVisible()).toBe(true);
    expect(await page.getByTestId('legend-hidden').textContent()).toContain('Night lights are on');
    await page.waitForSelector('#map[data-idle="1"]', { state: 'attached', timeout: BROWSER_WAIT_MS });
    // the night-light tiles cover the classes once they have arrived
    await poll(async () => (await countColours(page, '#map', RAMP_DEPRIVATION)).reduce((a, b) => a + b, 0)).toBeLessThan(500);
    await screenshot(page, '28-nightlight-hides-classes');
    await page.getByTestId('layer-nightlight').uncheck();
    await poll(() => page.getByTestId('legend-hidden').count()).toBe(0);
  });

  it('opens a new area at the top of its panel after a click in the top-10 list', async () => {
    await page.goto(`${server.url}/area/30?lang=en`);
    await settled(/^\/area\/30\?/);
    const panel = page.getByTestId('area-panel');
    await poll(() => page.getByTestId('top-children').locator('a').count()).toBeGreaterThan(0);
    await panel.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    expect(await panel.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
    const link = page.getByTestId('top-children').locator('a').first();
    const code = (await link.getAttribute('data-code'))!;
    await link.click();
    await poll(() => panel.getAttribute('data-area')).toBe(code);
    expect(await panel.evaluate((el) => el.scrollTop)).toBe(0);
  });
});

describe('trends and explanations', () => {
  it('charts the area over the survey years, explains the figures, gives 2SFCA its unit and shows logbook progress', async () => {
    await page.goto(`${server.url}/area/41?lang=en`);
    await settled(/^\/area\/41\?/);
    await page.waitForSelector('[data-testid=trend-chart][data-drawn="1"]', { state: 'attached', timeout: BROWSER_WAIT_MS });
    const meta = await api<{ years: number[] }>('/api/meta');
    const rows = page.getByTestId('trend-table').locator('tbody tr');
    expect(await rows.count()).toBe(meta.years.length);
    for (const year of meta.years) {
      const a = await api<{ target_households: number; households: number; h: number }>(`/api/areas/41?year=${year}`);
      const text = (await page.getByTestId('trend-table').locator(`tr[data-year="${year}"]`).textContent())!;
      expect(text).toContain(`${((a.target_households / a.households) * 100).toFixed(1)}%`);
      expect(text).toContain(`${(a.h * 100).toFixed(1)}%`);
    }
    expect(await page.locator('[data-testid=trend-chart] canvas').count()).toBeGreaterThan(0);
    await page.getByTestId('help').locator('summary').click();
    const help = (await page.getByTestId('help').textContent())!;
    for (const formula of ['H = q ÷ n', 'M0 = H × A', 'Stars = 5 − ⌊5L ÷ n⌋', 'Two-step floating catchment']) expect(help).toContain(formula);
    await poll(() => page.getByTestId('access-clinic-2sfca').textContent()).toContain('patients a day per 1,000 people');
    const year = Math.max(...meta.years);
    const logbook = await api<{ helped_share: number; targets_by_status: Record<string, number> }>(`/api/areas/41/assistance?year=${year}`);
    await poll(() => page.getByTestId('logbook-helped').textContent()).toContain(`${(logbook.helped_share * 100).toFixed(1)}%`);
    const statusTexts = await page.getByTestId('logbook-status').locator('.bar-value').allTextContents();
    expect(statusTexts).toEqual(['done', 'in_progress', 'planned', 'none'].map((k) => logbook.targets_by_status[k].toLocaleString('en-GB')));
    await screenshot(page, '32-panel-help-logbook');
  });
});

describe('area report', () => {
  const hasPdftoppm = fs.existsSync('/usr/bin/pdftoppm');

  it.skipIf(!hasPdftoppm)('prints an A4 report of an area whose pages are not blank and whose map is drawn', async () => {
    await page.goto(`${server.url}/area/41?lang=en`);
    await settled(/^\/area\/41\?/);
    await page.getByTestId('open-report').click();
    await page.waitForURL((u) => u.pathname === '/area/41/report');
    await page.waitForSelector('body[data-report-ready="1"]', { state: 'attached', timeout: 90_000 });
    expect(await page.getByTestId('report-head').textContent()).toMatch(/Udon Thani · 2023.*Data version areas\d+/s);
    expect(await page.getByTestId('help').getAttribute('open')).not.toBeNull();
    await screenshot(page, '33-report-screen');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'povmap-report-'));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true })); // the pages' PNGs; the PDF stays in ARTIFACTS
    const pdf = path.join(ARTIFACTS, 'report-41-en.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    execFileSync('pdftoppm', ['-png', '-r', '50', pdf, path.join(dir, 'page')]);
    const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
    expect(pages.length).toBeGreaterThanOrEqual(2);
    fs.copyFileSync(path.join(dir, pages[0]), path.join(ARTIFACTS, '34-report-page-1.png'));
    for (const [i, file] of pages.entries()) {
      const png = PNG.sync.read(fs.readFileSync(path.join(dir, file)));
      const stats = (y0: number, y1: number) => {
        const colours = new Set<number>();
        let inked = 0;
        for (let y = Math.floor(y0 * png.height); y < Math.floor(y1 * png.height); y++) {
          for (let x = 0; x < png.width; x++) {
            const o = (y * png.width + x) * 4;
            const [r, g, b] = [png.data[o], png.data[o + 1], png.data[o + 2]];
            colours.add((r >> 3) * 1024 + (g >> 3) * 32 + (b >> 3));
            if (r < 240 || g < 240 || b < 240) inked++;
          }
        }
        return { colours: colours.size, inked: inked / (png.width * Math.floor((y1 - y0) * png.height)) };
      };
      const whole = stats(0, 1);
      expect(whole.inked, `page ${i + 1} is blank`).toBeGreaterThan(0.01);
      // page 1: the map, under the heading, is a picture of many colours covering its band
      if (i === 0) {
        const map = stats(0.1, 0.5);
        expect(map.colours).toBeGreaterThan(30);
        expect(map.inked).toBeGreaterThan(0.6);
      }
    }
    await page.getByTestId('report-back').click();
    await page.waitForURL((u) => u.pathname === '/area/41');
  });
});

describe('phones', () => {
  it('at 390 × 844: the map on top at least 300 px wide, legend, layers and panel below it, every control reachable', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'th-TH', isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    try {
      await p.goto(`${server.url}/area/30`);
      await p.waitForSelector('#map[data-idle="1"][data-choropleth="painted"]', { state: 'attached', timeout: BROWSER_WAIT_MS });
      const map = (await p.locator('#map').boundingBox())!;
      expect(map.width).toBeGreaterThanOrEqual(300);
      expect(map.height).toBeGreaterThanOrEqual(300);
      await poll(() => p.getByTestId('legend-classes').locator('li[data-class]').count()).toBeGreaterThanOrEqual(3);
      const crumb = (await p.getByTestId('breadcrumb').boundingBox())!;
      const name = (await p.getByTestId('area-name').boundingBox())!;
      expect(crumb.y + crumb.height).toBeLessThanOrEqual(map.y);
      expect(name.y).toBeGreaterThan(map.y + map.height);
      await screenshot(p, '29-phone');
      for (const id of ['search-input', 'measure-select', 'lang-en', 'class-method', 'layer-services', 'layer-nightlight', 'year-select']) {
        const el = p.getByTestId(id);
        await el.scrollIntoViewIfNeeded();
        const b = (await el.boundingBox())!;
        expect(b.x, id).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width, id).toBeLessThanOrEqual(390);
        expect(await el.isVisible(), id).toBe(true);
      }
    } finally {
      await phone.close();
    }
  });
});

describe('speed', () => {
  it('sends the JavaScript precompressed (brotli or gzip, as the browser accepts) and says how much start-up takes', async () => {
    await page.goto(`${server.url}/`);
    await settled(/^\/\?/);
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => /\.(m?js)(\?|$)/.test(e.name))
      .map((e) => ({ name: e.name, encoded: (e as PerformanceResourceTiming).encodedBodySize, decoded: (e as PerformanceResourceTiming).decodedBodySize })));
    // one entry per file: the worker is preloaded from index.html, and its second fetch (by the
    // Worker itself) is a cache hit listed again with nothing transferred; so is the chunk of MapLibre
    // the map and its worker share (client/build/maplibre-source-plugin.ts)
    const byName = new Map<string, (typeof scripts)[number]>();
    for (const s of scripts.filter((x) => /\/assets\/(index|maplibre-worker|maplibre-shared)-/.test(x.name))) {
      if ((byName.get(s.name)?.encoded ?? -1) < s.encoded) byName.set(s.name, s);
    }
    const startup = [...byName.values()];
    expect(startup.length).toBe(3);
    for (const s of startup) expect(s.encoded).toBeLessThan(s.decoded / 3);
    const index = startup.find((s) => s.name.includes('/index-'))!;
    const path = new URL(index.name).pathname;
    const { request } = await import('node:http');
    const encodingOf = (accept: string) => new Promise<{ encoding: string | undefined; vary: string | undefined; bytes: number }>((resolve, reject) => {
      request(`${server.url}${path}`, { headers: { 'accept-encoding': accept } }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], vary: res.headers.vary, bytes }));
      }).on('error', reject).end();
    });
    const br = await encodingOf('gzip, deflate, br');
    const gz = await encodingOf('gzip');
    const raw = await encodingOf('identity');
    expect(br.encoding).toBe('br');
    expect(gz.encoding).toBe('gzip');
    expect(raw.encoding).toBeUndefined();
    expect(br.vary).toMatch(/accept-encoding/i);
    expect(br.bytes).toBeLessThan(gz.bytes);
    process.stdout.write(`start-up JavaScript as sent: ${startup.map((s) => `${s.name.split('/').pop()} ${Math.round(s.encoded / 1024)} KB (${Math.round(s.decoded / 1024)} KB raw)`).join(', ')}; `
      + `index as gzip ${Math.round(gz.bytes / 1024)} KB, brotli ${Math.round(br.bytes / 1024)} KB\n`);
  });
});

describe('the session', () => {
  it('logged no console error and sent no request beyond localhost', () => {
    expect(session.consoleErrors).toEqual([]);
    expect(outsideHosts(session)).toEqual([]);
  });
});
