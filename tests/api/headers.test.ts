/**
 * What every response carries and how refusals look before a route runs: security headers (CSP
 * fitting the map client, nosniff, frame and referrer policy), problem+json for 404, 414, 431 and
 * body parser errors, no source maps served, public URLs never from the Host header, and no
 * credential in the request log.
 */
import net from 'node:net';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { publicUrlFrom } from '../../server/config.js';
import { redactUrl } from '../../server/plugins/logging.js';
import { MAX_URL_LENGTH } from '../../server/plugins/request-limits.js';
import { testDatabaseUrl } from '../helpers/database.js';

let app: FastifyInstance;
let port: number;
const logLines: string[] = [];

beforeAll(async () => {
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  app = await buildApp({ databaseUrl: testDatabaseUrl(), logLevel: 'info', logStream });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await app.close();
});

function expectProblem(r: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number) {
  expect(r.statusCode, r.body).toBe(status);
  expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(r.body);
  expect(body).toMatchObject({ type: 'about:blank', status });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(r.body).not.toMatch(/\bat [\w.]+ \(|select |insert |FST_/i);
  return body;
}

/** One raw HTTP/1.1 exchange over a socket (inject skips Node's parser, which makes 431 and long-URL refusals). */
function rawRequest(head: string): Promise<{ statusCode: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [top, body = ''] = text.split('\r\n\r\n');
      const [status, ...lines] = top.split('\r\n');
      if (!status) return reject(new Error('no response'));
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ statusCode: Number(status.split(' ')[1]), headers, body });
    });
    socket.end(head);
  });
}

describe('security headers', () => {
  it('the client page, the API, tiles and errors carry CSP, nosniff, frame and referrer policy', async () => {
    for (const url of ['/', '/api/meta', '/tiles/areas.json', '/api/no-such-route', '/health']) {
      const r = await app.inject(url);
      const csp = String(r.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).toContain("child-src 'self' blob:");
      expect(csp).toContain("img-src 'self' data: blob:");
      expect(csp).toContain("font-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      expect(r.headers['x-frame-options'], url).toBe('DENY');
      expect(r.headers['referrer-policy'], url).toBe('no-referrer');
    }
  });
});

describe('no source maps', () => {
  it('the build has none and /assets/*.map is a problem+json 404', async () => {
    const page = await app.inject('/');
    const script = /src="\/assets\/([^"]+\.js)"/.exec(page.body)?.[1];
    expect(script, 'index.html names its script').toBeTruthy();
    const js = await app.inject(`/assets/${script}`);
    expect(js.statusCode).toBe(200);
    expect(js.body).not.toMatch(/sourceMappingURL/);
    expectProblem(await app.inject(`/assets/${script}.map`), 404);
  });
});

describe('every error is problem+json', () => {
  it('404 for an unknown route', async () => {
    expectProblem(await app.inject('/no/such/page'), 404);
  });

  it(`414 for a URL over ${MAX_URL_LENGTH} characters (in Fastify and at Node's parser)`, async () => {
    const body = expectProblem(await app.inject(`/api/meta?x=${'a'.repeat(MAX_URL_LENGTH)}`), 414);
    expect(body.detail).toMatch(/URL/);
    const raw = await rawRequest(`GET /api/meta?x=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expectProblem(raw, 414);
  });

  it('431 for request headers over 16 KiB', async () => {
    const raw = await rawRequest(`GET /api/meta HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`);
    expectProblem(raw, 431);
    expect(raw.headers['x-content-type-options']).toBe('nosniff');
  });

  it('400 for a head that is not HTTP', async () => {
    expectProblem(await rawRequest('NOT HTTP AT ALL\r\n\r\n'), 400);
  });

  it('body parser refusals: bad JSON, empty JSON, wrong content type, too large', async () => {
    const login = (payload: string | Buffer, contentType: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload, headers: { 'content-type': contentType }, remoteAddress: '10.9.0.1' });
    const bad = expectProblem(await login('{"username": "a", ', 'application/json'), 400);
    expect(bad.parameter).toBe('body');
    expectProblem(await login('', 'application/json'), 400);
    const type = expectProblem(await login('username=a&password=b', 'application/x-www-form-urlencoded'), 415);
    expect(type.parameter).toBe('body');
    expectProblem(await login(Buffer.alloc(2 * 1024 * 1024, 0x20), 'application/json'), 413);
  });
});

describe('public URLs', () => {
  it('without PUBLIC_URL, style.json and TileJSON are relative and ignore a hostile Host header', async () => {
    for (const url of ['/tiles/style.json', '/tiles/areas.json', '/tiles/boundaries.json', '/tiles']) {
      const r = await app.inject({ url, headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' } });
      expect(r.statusCode, url).toBe(200);
      expect(r.body, url).not.toContain('evil.example');
      expect(r.body, url).not.toMatch(/https?:\/\//);
    }
    expect((await app.inject('/tiles/areas.json')).json().tiles[0]).toMatch(/^\/tiles\/areas\/\{z\}/);
  });

  it('with PUBLIC_URL, they start with it whatever the Host header says', async () => {
    const configured = await buildApp({ databaseUrl: testDatabaseUrl(), logLevel: 'silent', publicUrl: publicUrlFrom('https://povmap.example.org/') });
    try {
      const style = await configured.inject({ url: '/tiles/style.json', headers: { host: 'evil.example' } });
      for (const source of Object.values(style.json().sources as Record<string, { url: string }>)) {
        expect(source.url).toMatch(/^https:\/\/povmap\.example\.org\/tiles\/[a-z_]+\.json$/);
      }
      const tj = await configured.inject({ url: '/tiles/areas.json', headers: { host: 'evil.example' } });
      expect(tj.json().tiles[0]).toMatch(/^https:\/\/povmap\.example\.org\/tiles\/areas\/\{z\}\/\{x\}\/\{y\}\.mvt/);
      expect(tj.body).not.toContain('evil.example');
    } finally {
      await configured.close();
    }
  });

  it('PUBLIC_URL must be an http(s) URL without query or credentials', () => {
    expect(publicUrlFrom('http://10.0.0.5:3000')).toBe('http://10.0.0.5:3000');
    for (const bad of ['povmap.example.org', 'ftp://x.example', 'https://x.example/?a=1', 'https://u:p@x.example']) {
      expect(() => publicUrlFrom(bad), bad).toThrow(/PUBLIC_URL/);
    }
  });
});

describe('the request log', () => {
  it('never holds a token from the URL or the Authorization header', async () => {
    logLines.length = 0;
    const secret = 's3cr3t-token-value-' + 'x'.repeat(20);
    await app.inject({ url: `/api/households?province=30&token=${secret}&access_token=${secret}`, headers: { authorization: `Bearer ${secret}`, cookie: `sid=${secret}` } });
    await app.inject({ url: `/api/auth/me?api_key=${secret}`, headers: { authorization: `Bearer ${secret}` } });
    await new Promise((r) => setTimeout(r, 50));
    expect(logLines.length).toBeGreaterThan(0);
    const log = logLines.join('\n');
    expect(log).toContain('/api/households?province=30&token=[redacted]');
    expect(log).not.toContain(secret);
  });

  it('redactUrl keeps other parameters as sent', () => {
    expect(redactUrl('/a?x=1&Token=abc&y=2')).toBe('/a?x=1&Token=[redacted]&y=2');
    expect(redactUrl('/a?%74oken=abc')).toBe('/a?%74oken=[redacted]');
    expect(redactUrl('/a?tokens=1&q=%E0%B8')).toBe('/a?tokens=1&q=%E0%B8');
    expect(redactUrl('/plain')).toBe('/plain');
  });
});
