/**
 * Debian's chromium driven by playwright-core, recording what the page does that a test should
 * look at: every request's host (nothing may leave localhost) and every console error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM_PATH } from '../../server/cli/chromium.js';
import { PROJECT_ROOT } from '../../server/config.js';

export const ARTIFACTS = path.join(PROJECT_ROOT, 'tests', 'artifacts');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-gpu',
  // WebGL through SwiftShader: there is no GPU on these machines.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/**
 * How long any wait in the browser tests may take: WebGL runs in software (SwiftShader) on a 2-core
 * machine shared with other jobs, where a first paint of a level has taken over 20 s. One figure for
 * every poll, wait for a URL, selector or response, so no wait falls back to a 1 s default.
 */
export const BROWSER_WAIT_MS = 60_000;

/** How long one browser test may take in all: several such waits in a row (set per file with vi.setConfig). */
export const BROWSER_TEST_MS = 4 * BROWSER_WAIT_MS;

/** expect.poll with the browser tests' timeout (a condition the page reaches by itself, polled every 100 ms). */
export function poll<T>(condition: () => T | Promise<T>, message?: string) {
  return expect.poll(condition, { timeout: BROWSER_WAIT_MS, interval: 100, message });
}

/** The map has settled: the camera is in the URL and every visible tile is drawn and classed. */
export async function settled(page: Page, urlPattern: RegExp): Promise<void> {
  await page.waitForURL((u) => urlPattern.test(u.pathname + u.search) && u.searchParams.has('at'), { timeout: BROWSER_WAIT_MS });
  await page.waitForSelector('#map[data-idle="1"][data-choropleth="painted"]', { state: 'attached', timeout: BROWSER_WAIT_MS });
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface Recorded {
  context: BrowserContext;
  page: Page;
  hosts: Set<string>;
  consoleErrors: string[];
  /** Content-Security-Policy violations any page of the context reported ("directive blocked-uri"); with `csp` only. */
  cspViolations: string[];
}

/**
 * A fresh context (own storage) and page, with request and console recording switched on, and with
 * `csp` the page's own reports of Content-Security-Policy violations (a listener every page of the
 * context gets before its scripts run).
 */
export async function recordedPage(browser: Browser, options: { acceptDownloads?: boolean; csp?: boolean } = {}): Promise<Recorded> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: options.acceptDownloads ?? false, locale: 'th-TH' });
  context.setDefaultTimeout(BROWSER_WAIT_MS);
  const cspViolations: string[] = [];
  if (options.csp) {
    await context.exposeBinding('povmapCspViolation', (_source, text: string) => { cspViolations.push(text); });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { povmapCspViolation(t: string): void }).povmapCspViolation(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
  }
  const page = await context.newPage();
  const hosts = new Set<string>();
  const consoleErrors: string[] = [];
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:' || url.protocol === 'wss:') hosts.add(url.hostname);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  return { context, page, hosts, consoleErrors, cspViolations };
}

/** The hosts a recorded page sent requests to, other than this machine (the client must need none). */
export function outsideHosts(recorded: Recorded): string[] {
  return [...recorded.hosts].filter((h) => h !== '127.0.0.1' && h !== 'localhost');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Colour census of an element's screenshot, decoded in the page (no PNG library needed): for each
 * given colour (within a small tolerance), how many pixels carry it and where the first one is
 * (raster order, page coordinates), or null.
 */
async function scanColours(page: Page, selector: string, colours: readonly string[]) {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  const png = await page.screenshot({ clip: box });
  const found = await page.evaluate(
    async ({ data, colours }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, img.width, img.height).data;
      const targets = colours.map((c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)));
      const result = targets.map(() => ({ count: 0, first: null as { x: number; y: number } | null }));
      for (let i = 0; i < px.length; i += 4) {
        targets.forEach((t, j) => {
          if (Math.abs(px[i] - t[0]) <= 6 && Math.abs(px[i + 1] - t[1]) <= 6 && Math.abs(px[i + 2] - t[2]) <= 6) {
            result[j].count++;
            result[j].first ??= { x: (i / 4) % img.width, y: Math.floor(i / 4 / img.width) };
          }
        });
      }
      return result;
    },
    { data: png.toString('base64'), colours: [...colours] },
  );
  return found.map((f) => ({ count: f.count, first: f.first && { x: box.x + f.first.x, y: box.y + f.first.y } }));
}

/** Where on the page the first pixel of a colour is (raster order), or null: to click a symbol. */
export async function findColour(page: Page, selector: string, colour: string): Promise<{ x: number; y: number } | null> {
  return (await scanColours(page, selector, [colour]))[0].first;
}

/** How many pixels of an element carry each of the given colours (within a small tolerance). */
export async function countColours(page: Page, selector: string, colours: readonly string[]): Promise<number[]> {
  return (await scanColours(page, selector, colours)).map((c) => c.count);
}

/**
 * The choropleth really painted: the map's pixels, read back from a screenshot, carry at least
 * `classes` colours of the ramp on more than `minPixels` pixels each (the page's own "painted" flag
 * says only that the client thinks so). Polled, since the last tiles may still be drawing.
 */
export async function expectPainted(page: Page, ramp: readonly string[], classes = 2, minPixels = 200): Promise<number[]> {
  let counts: number[] = [];
  await poll(async () => {
    counts = await countColours(page, '#map', ramp);
    return counts.filter((n) => n > minPixels).length;
  }, `ramp colours with more than ${minPixels} pixels`).toBeGreaterThanOrEqual(classes);
  return counts;
}
