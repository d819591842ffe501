/**
 * Who may read what: anonymous and public callers get no household rows, analysts only inside
 * their grants with PII masked unless granted, every household read audited, sessions expire,
 * refused reads audited too, login (per address and per username) and exports are rate-limited.
 */
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteUsers, testApp, userWithToken } from '../helpers/api.js';

const PREFIX = 'security';
let app: FastifyInstance;

beforeAll(async () => {
  app = await testApp();
  await deleteUsers(app, PREFIX);
});
afterAll(async () => {
  await deleteUsers(app, PREFIX);
  await app.close();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const HOUSEHOLD_URLS = ['/api/households?province=30', '/api/households.csv?province=30', '/api/households?village=30010101&limit=1000'];

describe('anonymous and public callers', () => {
  it('get 401 from every household route, with or without Accept: text/csv, even with bad parameters', async () => {
    for (const url of [...HOUSEHOLD_URLS, '/api/households?limit=99999', '/api/households']) {
      for (const accept of ['application/json', 'text/csv']) {
        const r = await get(url, { accept });
        expect(r.statusCode, url).toBe(401);
        expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(r.body).not.toMatch(/[0-9]{12}/);
      }
    }
  });

  it('an unknown or expired token is treated as no token', async () => {
    expect((await get(HOUSEHOLD_URLS[0], { authorization: 'Bearer ' + 'x'.repeat(43) })).statusCode).toBe(401);
    const { user, token } = await userWithToken(app, PREFIX, 'analyst', ['TH']);
    await app.db('user_session').where({ user_id: user.id }).update({ expires_at: new Date(Date.now() - 1000) });
    const r = await get(HOUSEHOLD_URLS[0], { authorization: `Bearer ${token}` });
    expect(r.statusCode).toBe(401);
    expect(r.json().detail).toMatch(/expired/);
  });

  it('the OGC API serves no household data: no such collection, no PII field, no household tile', async () => {
    const collections = (await get('/ogc/collections')).json().collections as Array<{ id: string }>;
    expect(collections.map((c) => c.id).filter((id) => /house|person|people/.test(id))).toEqual([]);
    for (const id of ['households', 'household', 'household_list', 'persons']) {
      expect([400, 404]).toContain((await get(`/ogc/collections/${id}/items`)).statusCode);
      expect([400, 404]).toContain((await get(`/ogc/collections/${id}/download?format=csv`)).statusCode);
    }
    for (const c of collections) {
      const q = (await get(`/ogc/collections/${c.id}/queryables`)).json();
      expect(Object.keys(q.properties).filter((k) => /^(head_name|national_id|house_code|members|income_per_person|geom_household)$/.test(k)), c.id).toEqual([]);
      const body = (await get(`/ogc/collections/${c.id}/items?limit=20`)).body;
      expect(body, c.id).not.toMatch(/head_name|national_id|house_code/);
    }
  });

  it('OGC downloads are rate-limited per caller', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await get('/ogc/collections/provinces/download?format=csv')).statusCode);
    // 10 a minute per caller (the refused downloads of the test above count too): 200s, then only 429s
    const first = statuses.indexOf(429);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(10);
    expect(statuses.slice(0, first).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(first).every((s) => s === 429)).toBe(true);
  });

  it('the public role gets 403 from household routes but aggregates work', async () => {
    const { headers } = await userWithToken(app, PREFIX, 'public');
    for (const url of HOUSEHOLD_URLS) expect((await get(url, headers)).statusCode).toBe(403);
    expect((await get('/api/areas/30', headers)).statusCode).toBe(200);
  });
});

describe('analysts and their grants', () => {
  it('outside the grant: 403 and nothing about households in the body', async () => {
    const { headers } = await userWithToken(app, PREFIX, 'analyst', ['3001']);
    for (const url of ['/api/households?province=30', '/api/households?province=10', '/api/households', '/api/households.csv?district=3002', '/api/households?village=10010101']) {
      const r = await get(url, headers);
      expect(r.statusCode, url).toBe(403);
      const body = r.json();
      expect(Object.keys(body).sort()).toEqual(['detail', 'instance', 'status', 'title', 'type']);
      expect(r.body).not.toMatch(/[0-9]{12}|items|total/);
    }
  });

  it('inside the grant (the area or below it): 200', async () => {
    const { headers } = await userWithToken(app, PREFIX, 'analyst', ['3001', '47']);
    for (const url of ['/api/households?district=3001', '/api/households?village=30010101', '/api/households?province=47&dims_any=income']) {
      expect((await get(url, headers)).statusCode, url).toBe(200);
    }
  });

  it('names and national ids are fully masked and positions coarsened without the PII grant, in the list and the CSV', async () => {
    const { headers } = await userWithToken(app, PREFIX, 'analyst', ['30']);
    const page = (await get('/api/households?village=30010101', headers)).json();
    const raw = await app.db('household').where({ survey_year: 2023, village_code: '30010101' }).orderBy('house_code')
      .select('head_name', 'national_id', app.db.raw('st_x(geom) as lon'), app.db.raw('st_y(geom) as lat'));
    const village = await app.db('admin_area').where({ code: '30010101' }).first(app.db.raw('st_x(label_point) as lon'), app.db.raw('st_y(label_point) as lat'));
    expect(page.items.length).toBe(raw.length);
    page.items.forEach((item: any, i: number) => {
      // nothing of the value survives: no title, no first letter, no digit
      expect(item.head_name).toBe('•••');
      expect(item.national_id).toBe('X-XXXX-XXXXX-XX-X');
      // every household of the village at the village's label point (to 6 decimals)
      expect(item.lon).toBeCloseTo(village.lon, 6);
      expect(item.lat).toBeCloseTo(village.lat, 6);
      expect(Math.abs(item.lon - raw[i].lon) + Math.abs(item.lat - raw[i].lat)).toBeGreaterThan(1e-5);
    });
    const csv = parse((await get('/api/households.csv?village=30010101', headers)).body, { bom: true }) as string[][];
    expect(csv.length - 1).toBe(raw.length);
    for (const row of csv.slice(1)) {
      expect(row.slice(1, 3)).toEqual(['•••', 'X-XXXX-XXXXX-XX-X']);
      expect(Number(row[6])).toBeCloseTo(village.lon, 6);
      expect(Number(row[7])).toBeCloseTo(village.lat, 6);
    }
    const exact = new Set(raw.flatMap((r: any) => [r.head_name, r.national_id, r.lon.toFixed(6), r.lat.toFixed(6)]));
    for (const row of csv.slice(1)) for (const cell of [row[1], row[2], row[6], row[7]]) expect(exact.has(cell)).toBe(false);
  });

  it('with the PII grant they are shown exactly', async () => {
    const { headers } = await userWithToken(app, PREFIX, 'analyst', ['30'], true);
    const page = (await get('/api/households?village=30010101', headers)).json();
    const raw = await app.db('household').where({ survey_year: 2023, village_code: '30010101' }).orderBy('house_code')
      .select('head_name', 'national_id', app.db.raw('round(st_x(geom)::numeric, 6)::float8 as lon'), app.db.raw('round(st_y(geom)::numeric, 6)::float8 as lat'));
    expect(page.items.map((i: any) => [i.head_name, i.national_id, i.lon, i.lat])).toEqual(raw.map((r: any) => [r.head_name, r.national_id, r.lon, r.lat]));
  });

  it('every household read is audited: who, filter, row count, PII', async () => {
    const { user, headers } = await userWithToken(app, PREFIX, 'analyst', ['30'], true);
    const list = (await get('/api/households?district=3001&dims_any=income&limit=7', headers)).json();
    const csv = await get('/api/households.csv?district=3001&dims_any=income', headers);
    expect(csv.statusCode).toBe(200);
    // The CSV audit row is written when the stream has been sent; give it a moment.
    let rows: any[] = [];
    for (let i = 0; i < 50 && rows.length < 2; i++) {
      rows = await app.db('audit_log').where({ user_id: user.id }).orderBy('id');
      if (rows.length < 2) await new Promise((r) => setTimeout(r, 20));
    }
    expect(rows.map((r) => [r.username, r.action, r.row_count, r.pii])).toEqual([
      [user.username, 'households.list', 7, true],
      [user.username, 'households.csv', list.total, true],
    ]);
    expect(rows[0].filter).toMatchObject({ district: '3001', dims_any: 'income', limit: 7, year: 2023 });
    expect(rows[1].at.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refused reads write no read row, only a refusal (issue 16: refused reads are audited)', async () => {
    const { user, headers } = await userWithToken(app, PREFIX, 'analyst', ['3001']);
    await get('/api/households?province=10', headers);
    expect(await app.db('audit_log').where({ user_id: user.id }).pluck('action')).toEqual(['households.list.refused']);
  });
});

describe('user administration', () => {
  it('an admin creates an analyst with grants, who can then log in and read inside them; then removes them', async () => {
    const admin = await userWithToken(app, PREFIX, 'admin');
    const username = `${PREFIX}_made_by_admin_${process.pid}`;
    const made = await app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username, password: 'a good long password', role: 'analyst', grants: ['3001'] } });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toEqual({ username, role: 'analyst', pii: false, grants: ['3001'] });
    const again = await app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username, password: 'a good long password', role: 'analyst' } });
    expect(again.statusCode).toBe(409);
    const list = (await get('/api/users', admin.headers)).json();
    expect(list.items.find((u: any) => u.username === username)).toMatchObject({ role: 'analyst', grants: ['3001'] });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'a good long password' } });
    const auth = { authorization: `Bearer ${login.json().token}` };
    expect((await get('/api/households?district=3001&limit=1', auth)).statusCode).toBe(200);
    expect((await get('/api/households?district=3002&limit=1', auth)).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/api/users/${username}`, headers: admin.headers })).statusCode).toBe(204);
    expect((await get('/api/auth/me', auth)).statusCode).toBe(401);
  });

  it('only admins manage users; bad grants and short passwords are refused', async () => {
    const analyst = await userWithToken(app, PREFIX, 'analyst', ['TH']);
    expect((await get('/api/users')).statusCode).toBe(401);
    expect((await get('/api/users', analyst.headers)).statusCode).toBe(403);
    const admin = await userWithToken(app, PREFIX, 'admin');
    const badGrant = await app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: `${PREFIX}_x_${process.pid}`, password: 'a good long password', role: 'analyst', grants: ['99'] } });
    expect(badGrant.statusCode).toBe(400);
    expect(badGrant.json().parameter).toBe('grants');
    const short = await app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: `${PREFIX}_y_${process.pid}`, password: 'short', role: 'analyst' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().parameter).toBe('password');
  });
});

describe('login, sessions and rate limits', () => {
  it('login returns a token that works until logout; wrong passwords get 401', async () => {
    const { user } = await userWithToken(app, PREFIX, 'analyst', ['30']);
    const bad = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'wrong password!' } });
    expect(bad.statusCode).toBe(401);
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody_here', password: 'whatever123' } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(bad.json().detail);
    const ok = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'correct horse battery' } });
    expect(ok.statusCode).toBe(200);
    const { token, expires_at, user: who } = ok.json();
    expect(who).toMatchObject({ username: user.username, role: 'analyst', pii: false });
    expect(new Date(expires_at).getTime()).toBeGreaterThan(Date.now() + 3600_000);
    const auth = { authorization: `Bearer ${token}` };
    expect((await get('/api/auth/me', auth)).json().user.username).toBe(user.username);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: auth })).statusCode).toBe(204);
    expect((await get('/api/auth/me', auth)).statusCode).toBe(401);
    const stored = await app.db('app_user').where({ id: user.id }).first('password_hash');
    expect(stored.password_hash).toMatch(/^scrypt\$/);
    expect(stored.password_hash).not.toContain('correct horse');
  });

  it('exports are rate-limited per user', async () => {
    const { headers } = await userWithToken(app, PREFIX, 'analyst', ['30']);
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await get('/api/households.csv?village=30010101', headers)).statusCode);
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(codes.slice(10)).toEqual([429, 429]);
    // Accept: text/csv on the list route counts against the same limit; plain list pages do not.
    expect((await get('/api/households?village=30010101', { ...headers, accept: 'text/csv' })).statusCode).toBe(429);
    expect((await get('/api/households?village=30010101', headers)).statusCode).toBe(200);
  });

  it('login is rate-limited per client', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      codes.push((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody_here', password: 'whatever123' } })).statusCode);
    }
    expect(codes.at(-1)).toBe(429);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(10);
  });
});

describe('refused household reads are audited', () => {
  it('a grant refusal and a role refusal each leave a `.refused` entry with the reason and no rows', async () => {
    const analyst = await userWithToken(app, PREFIX, 'analyst', ['3001']);
    const pub = await userWithToken(app, PREFIX, 'public');
    expect((await get('/api/households?province=10', analyst.headers)).statusCode).toBe(403);
    expect((await get('/api/households.csv?district=3002', analyst.headers)).statusCode).toBe(403);
    expect((await get('/api/households?province=30', pub.headers)).statusCode).toBe(403);
    const rows = await app.db('audit_log').whereIn('user_id', [analyst.user.id, pub.user.id]).orderBy('id').select('user_id', 'username', 'action', 'filter', 'row_count', 'pii');
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['households.list.refused', 'households.csv.refused', 'households.list.refused']);
    expect(rows[0]).toMatchObject({ user_id: analyst.user.id, username: analyst.user.username, row_count: 0, pii: false });
    expect(rows[0].filter).toMatchObject({ path: '/api/households', query: { province: '10' } });
    expect(rows[0].filter.reason).toMatch(/grant does not cover/);
    expect(rows[1].filter).toMatchObject({ path: '/api/households.csv', query: { district: '3002' } });
    expect(rows[2].filter.reason).toMatch(/analyst or admin role/);
  });

  it('anonymous requests (401) are not refusals of a user and write nothing', async () => {
    const before = Number((await app.db('audit_log').count({ n: '*' }))[0].n);
    expect((await get('/api/households?province=30')).statusCode).toBe(401);
    expect(Number((await app.db('audit_log').count({ n: '*' }))[0].n)).toBe(before);
  });
});

describe('login is limited per username as well as per address', () => {
  const attempt = (username: string, ip: string, password = 'wrong password!') =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

  it('attempts at one username from many addresses are refused after 5 a minute, the same way for a real and an unknown user', async () => {
    const { user } = await userWithToken(app, PREFIX, 'analyst', ['30']);
    const unknown = `${PREFIX}_nobody_${process.pid}`;
    const answers: Record<string, Array<{ status: number; detail: string }>> = {};
    for (const [name, base] of [[user.username, '10.20.0.'], [unknown, '10.21.0.']] as const) {
      answers[name] = [];
      for (let i = 1; i <= 7; i++) {
        const r = await attempt(i % 2 ? name : ` ${name.toUpperCase()} `, `${base}${i}`);
        answers[name].push({ status: r.statusCode, detail: r.json().detail });
      }
    }
    const codes = (name: string) => answers[name].map((a) => a.status);
    expect(codes(user.username)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(codes(unknown)).toEqual(codes(user.username));
    // The same words either way (the wait in a 429 may differ by a second).
    const words = (name: string) => answers[name].map((a) => a.detail.replace(/retry in .*/, 'retry in …'));
    expect(words(unknown)).toEqual(words(user.username));
    const limited = await attempt(user.username, '10.20.1.1', 'correct horse battery');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    // Another username from a fresh address is not affected.
    const other = await userWithToken(app, PREFIX, 'analyst', ['30']);
    expect((await attempt(other.user.username, '10.22.0.1', 'correct horse battery')).statusCode).toBe(200);
  });
});
