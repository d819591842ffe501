/**
 * Property-based fuzz of every route in the OpenAPI document (issue 16): for each route and each of its
 * parameters (path, query, JSON body) fast-check draws hostile and valid values — numbers at and past
 * their bounds, non-finite and 400-digit numbers, hex and padded numbers, empty, unicode, SQL-looking and
 * very long text, repeated and unknown parameters, wrong JSON types, forged cursors and tokens — and
 * sends them anonymous, with a forged token, as an analyst with a grant and as an admin. Every answer
 * must be below 500, carry no SQL text or stack trace, and come within its time budget.
 *
 * Routes that write shared data (imports, user creation and removal, logbook entries) are fuzzed signed
 * in only with bodies or paths that are invalid by construction, and must be refused (4xx) before any
 * write; anonymous and forged-token callers get the full hostile range there (they are refused first).
 * The seed is fixed, so a failure replays; the counts and statuses are printed at the end.
 */
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions.js';
import { deleteUsers, testApp, userWithToken } from '../helpers/api.js';

const PREFIX = 'fuzzroutes';
const SEED = 16;
/** The issue's generous budget for any one answer. */
const BUDGET_MS = 10_000;
/**
 * Routes allowed longer than BUDGET_MS, each with why (issue 16 item 2; figures from `npm run bench --
 * budgets` on the demo data, 2 shared cores). Both stay far inside their statement time-out (analysis
 * class: 60 s, server/plugins/time-budget.ts) and off the event loop:
 * - /api/hotspots with a new seed or measure at village level: the statistics run on a worker thread,
 *   4-7 s on a quiet machine and up to 23 s (k-nearest weights, another measure) at load 10;
 * - /api/areas/{code}/access with a custom catchment at its level's limit: up to 2.9 s quiet and 5.2 s
 *   at load 10 for Bangkok (code 10, the densest province) at 15 km, which this fuzz sends.
 */
const ROUTE_BUDGET_MS: Record<string, number> = {
  'GET /api/hotspots': 30_000,
  'GET /api/areas/{code}/access': 30_000,
  // The first answer for a measure of the village (or subdistrict) level builds the published metrics
  // of every area of the level (tile_area_metrics, about 0.2 ms an area: 77,000 villages take 5-20 s on a
  // shared 2-core machine); the answer is then cached until the data changes.
  'GET /api/choropleth/breaks': 60_000,
};

/** Requests per route; a route with more parameters gets more (see runsFor). */
const BASE_RUNS = 120;

interface Schema {
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  maxLength?: number;
}
interface Parameter { name: string; in: 'path' | 'query' | 'header' | 'cookie'; schema: Schema }
interface Operation { method: string; path: string; parameters: Parameter[]; body?: Schema; multipart: boolean }

type Identity = 'anonymous' | 'forged' | 'analyst' | 'admin';

interface FuzzRequest {
  identity: Identity;
  forgedToken: string;
  path: Record<string, string>;
  query: Array<[string, string]>;
  body?: { contentType: string; text: string };
}

let app: FastifyInstance;
const tokens: Record<'analyst' | 'admin', { token: string; userId: number }> = {} as never;
let operations: Operation[] = [];
/** Values that exist in the test database, so valid requests reach the queries. */
const known = { houseCode: '', year: 2024, layers: [] as string[] };

// ---------------------------------------------------------------------------------------------
// Values

const HOSTILE_NUMBERS = [
  'Infinity', '-Infinity', 'NaN', '1e309', '-1e309', '1e308', '-1e308', '9'.repeat(400), `-${'9'.repeat(400)}`, `0.${'0'.repeat(400)}1`,
  '0x10', '0b1', '0o7', ' 1', '1 ', '+1', '1e2', '1E2', '1_000', '1,2', '-0', '0', '1.5', '1e-400', '.5', '5.', 'Infinityx',
  '2147483647', '2147483648', '-2147483649', '9007199254740993', '18446744073709551616', '1e19', 'true', 'null', '[]', '{}',
];

const HOSTILE_STRINGS = [
  '', ' ', "'", '"', '\\', '%', '%00', '\u0000', '\uFFFD', '\u202E', '🙂', 'ข้อมูล', '١٢٣', 'Ⅻ', '１２',
  "1' OR '1'='1", "30'--", "'; drop table household; --", 'select * from household', '1; select pg_sleep(20)',
  "' union select national_id from household --", '$1', '?', '??', ':name', '../../etc/passwd', '<script>alert(1)</script>',
  '${7*7}', '{{7*7}}', 'null', 'undefined', 'true', '[]', '{}', 'TH', 'th', '00', '99', '30', '3001', '300101', '30010101',
  'a'.repeat(101), 'x'.repeat(5_000), '9'.repeat(400), `${'3'.repeat(50)},`.repeat(40),
];

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const FORGED_CURSORS = [
  b64({ sort: 'members', key: 1e308, house: '300101010001' }), b64({ sort: 'members', key: -1, house: '300101010001' }),
  b64({ sort: 'members', key: 40_000, house: '300101010001' }), b64({ sort: 'members', key: 1.5, house: '300101010001' }),
  b64({ sort: '-failed_dim_count', key: '3', house: '300101010001' }), b64({ sort: 'failed_dim_count', key: null, house: '300101010001' }),
  b64({ sort: 'house_code', key: 'x', house: "3001' or 1=1 --" }), b64({ sort: 'house_code', key: 0, house: '300101010001' }),
  b64({ sort: 'members', key: 1e308 }), b64('{"sort":"members","key":1e309,"house":"300101010001"}'), b64([1, 2, 3]), b64('null'),
  b64('"x"'), b64('{'), 'bm9wZQ', '!!!', '', 'A'.repeat(200), 'A'.repeat(201),
];

/** Values valid for a parameter of this name, so requests also get past validation into the queries. */
function validSamples(name: string, schema: Schema): string[] {
  const samples: string[] = [];
  if (schema.enum) samples.push(...schema.enum.map(String));
  if (schema.default !== undefined) samples.push(String(schema.default));
  const byName: Record<string, string[]> = {
    code: ['TH', '30', '3001', '300101', '30010101', '10', '99', '9999'],
    parent: ['TH', '30', '3001', '300101', '10', '99'],
    province: ['30', '10', '99'], district: ['3001', '1001', '9999'], subdistrict: ['300101', '999999'], village: ['30010101', '99999999'],
    house_code: [known.houseCode, '000000000000', '300101019999'],
    year: [String(known.year), '2000', '2100', '2019'],
    from: [String(known.year), '2000'], to: [String(known.year), '2100'],
    by: ['target_share', 'h', 'a', 'm0', 'vulnerable_share', 'indicator:newborn_weight', 'indicator:nothing', 'dimension:health', 'dimension:x'],
    km: ['5', '10', '5,10', '7.3', '0', '0.5,1,2,3,4,5', '1,2,3,4,5,6,7', '1e309', ',', '5,,10'],
    catchment_km: ['10', '15', '0.5', '100', '100.0001', '0'],
    dims_any: ['health', 'health,income', 'health,,x'], dims_all: ['living', 'education,access'],
    indicators: ['newborn_weight', 'newborn_weight,drinking_water', 'flying'],
    failed_count: ['0', '1,2', '5', '6'], vulnerability: ['1', '3', '4'],
    group: ['neet', 'target_card,elderly', 'persons', 'wizards', 'neet,'], age_min: ['0', '15', '60', '121'], age_max: ['5', '24', '120', '-1'],
    disabled: ['true', 'false', '1', 'maybe'],
    cursor: FORGED_CURSORS,
    username: [`${PREFIX}_missing`, 'ab', 'a'.repeat(65)],
    layer: [...known.layers, 'nope'], metric: ['target_share', 'h', 'nope'],
    z: ['0', '6', '10', '14', '25', '4294967295'], x: ['0', '50', '51', '99999'], y: ['0', '29', '30', '99999'],
    id: ['1', '2', '99999999'], limit: ['1', '10', '1000', '1001', '10000', '10001'], k: ['1', '8', '0.33', '0.5'],
    seed: ['1', '42', '2147483647'], threshold: ['0', '0.05', '1'],
  };
  samples.push(...(byName[name] ?? []));
  return samples;
}

function numberSamples(schema: Schema): string[] {
  const out: string[] = [];
  const integer = schema.type === 'integer' || (Array.isArray(schema.type) && schema.type.includes('integer'));
  for (const bound of [schema.minimum, schema.maximum, schema.exclusiveMinimum, schema.exclusiveMaximum]) {
    if (bound === undefined) continue;
    out.push(String(bound), String(bound - 1), String(bound + 1), String(bound + 0.5), String(bound - 1e-9), String(bound * 10));
  }
  if (schema.minimum !== undefined && schema.maximum !== undefined) out.push(String(Math.floor((schema.minimum + schema.maximum) / 2)));
  if (!integer) out.push('0.333333333333333333333333', '1e-7');
  return out;
}

const isNumeric = (s: Schema) => [s.type].flat().some((t) => t === 'number' || t === 'integer');

/**
 * Values held back from one parameter, each with why. None today: custom 2SFCA catchments, held back
 * until issue 16 item 2 bounded their cost, are now refused beyond their level's limit (400) and sent
 * in full.
 */
const HELD_BACK: Record<string, { keep: (text: string) => boolean; why: string }> = {};

/** One parameter value: valid for its name, at and past its bounds, hostile, or random text. */
function valueArb(name: string, schema: Schema): fc.Arbitrary<string> {
  const held = HELD_BACK[name];
  return held ? anyValueArb(name, schema).filter(held.keep) : anyValueArb(name, schema);
}

function anyValueArb(name: string, schema: Schema): fc.Arbitrary<string> {
  const arbs: Array<fc.Arbitrary<string>> = [fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 40, unit: 'grapheme' })];
  const valid = validSamples(name, schema).filter((v) => v !== '');
  if (valid.length) arbs.push(fc.constantFrom(...valid), fc.constantFrom(...valid));
  if (isNumeric(schema)) {
    arbs.push(fc.constantFrom(...HOSTILE_NUMBERS), fc.constantFrom(...numberSamples(schema)));
    arbs.push(fc.double({ noNaN: false }).map(String), fc.integer().map(String), fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String));
  }
  return fc.oneof(...arbs);
}

/** The value in about one draw of ten, undefined otherwise (unknown parameters and fields). */
function rarely<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 9 }, { arbitrary: arb, weight: 1 });
}

/** A JSON value written as text, so bodies can also hold numbers JSON.stringify cannot write (1e309). */
function jsonValueArb(name: string, schema: Schema): fc.Arbitrary<string> {
  const asJson = valueArb(name, schema).map((v) => JSON.stringify(v));
  return fc.oneof(
    asJson, asJson,
    fc.constantFrom('1e309', '-1e309', '9'.repeat(400), '0', '-1', '1.5', 'true', 'false', 'null', '[]', '{}', '[1e309]', '{"a":1e309}', '""'),
    fc.constantFrom('"correct horse battery"', `"${PREFIX}_admin"`, '["30"]', '["TH","10","x"]', '"2024-01-31"', '"2024-02-30"', '"health"', '"survive"'),
    fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null'),
  );
}

/** A JSON body: the schema's properties, each present or not and valid or hostile, sometimes one unknown. */
function bodyTextArb(schema: Schema): fc.Arbitrary<string> {
  const props = Object.entries(schema.properties ?? {});
  const fields = props.map(([name, s]) => fc.option(jsonValueArb(name, s).map((v) => `${JSON.stringify(name)}:${v}`), { nil: undefined, freq: 4 }));
  const objectText = fc.tuple(fc.tuple(...fields), rarely(fc.constantFrom('"zzz":1', '"__proto__":{"admin":true}', '"constructor":{"prototype":{"x":1}}')))
    .map(([parts, extra]) => `{${[...parts, extra].filter((p): p is string => typeof p === 'string').join(',')}}`);
  const whole = fc.constantFrom('', '{', '[]', 'null', '"x"', '1e309', `${'['.repeat(3000)}${']'.repeat(3000)}`, `{"a":"${'x'.repeat(200_000)}"}`);
  return fc.oneof({ arbitrary: objectText, weight: 8 }, { arbitrary: whole, weight: 1 });
}

/** A body for a signed-in call to a route that writes: invalid by construction (a required field missing). */
function invalidBodyText(text: string, schema: Schema): string {
  const required = schema.required?.[0];
  if (!required) return '[]';
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      delete parsed[required];
      // Numbers JSON cannot write went through parse as Infinity; the body stays invalid either way.
      return JSON.stringify(parsed);
    }
  } catch {
    // Not JSON at all: refused as it is.
  }
  return text;
}

const CONTENT_TYPES = ['application/json', 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz', 'application/json; charset=latin1', ''];

/** Whether a query text meets the parameter's own schema (so the request gets past validation). */
function fitsSchema(text: string, s: Schema): boolean {
  if (s.enum) return s.enum.map(String).includes(text);
  if (isNumeric(s)) {
    if (!/^-?[0-9]+(\.[0-9]+)?$/.test(text)) return false;
    const n = Number(text);
    if ([s.type].flat().includes('integer') && !Number.isInteger(n)) return false;
    return !(n < (s.minimum ?? -Infinity) || n > (s.maximum ?? Infinity) || n <= (s.exclusiveMinimum ?? -Infinity) || n >= (s.exclusiveMaximum ?? Infinity));
  }
  if (s.maxLength !== undefined && [...text].length > s.maxLength) return false;
  return s.pattern ? new RegExp(s.pattern, 'u').test(text) : true;
}

/** A value that passes the parameter's schema (known codes, enum members, in-bound numbers) or the parameter left out. */
function validOrAbsentArb(p: Parameter): fc.Arbitrary<string[]> {
  const candidates = [...validSamples(p.name, p.schema), ...(isNumeric(p.schema) ? numberSamples(p.schema) : [])];
  const pool = [...new Set(candidates.filter((v) => v !== '' && fitsSchema(v, p.schema) && (HELD_BACK[p.name]?.keep(v) ?? true)))];
  const value = pool.length ? fc.constantFrom(...pool).map((v) => [v]) : fc.constant<string[]>([]);
  return p.in === 'path' ? value : fc.oneof(value, value, fc.constant<string[]>([]));
}

/** Anything for the parameter, once or repeated. */
function anyArb(p: Parameter): fc.Arbitrary<string[]> {
  return fc.array(valueArb(p.name, p.schema), { minLength: 1, maxLength: 2 });
}

/**
 * Half the requests keep every parameter plausible but one (the way the old 500s were found: a real
 * route, a real area, one bad number); the other half draw every parameter from the whole range.
 */
function parameterValuesArb(params: Parameter[]): fc.Arbitrary<string[][]> {
  if (!params.length) return fc.constant([]);
  const focused = fc.integer({ min: 0, max: params.length }).chain((focus) =>
    fc.tuple(...params.map((p, i) => (i === focus ? anyArb(p) : validOrAbsentArb(p)))));
  const wild = fc.tuple(...params.map((p) => (p.in === 'path' ? anyArb(p).map((v) => v.slice(0, 1))
    : fc.option(anyArb(p), { nil: [] as string[], freq: 2 }))));
  return fc.oneof(focused, wild);
}

function requestArb(op: Operation): fc.Arbitrary<FuzzRequest> {
  const params = op.parameters.filter((p) => p.in === 'path' || p.in === 'query');
  const valuesArb = parameterValuesArb(params);
  const extraArb = rarely(fc.constantFrom<[string, string]>(['zzz', '1'], ['limit[]', '1'], ['__proto__', 'x'], ['', ''], ['a'.repeat(300), 'b']));
  const partsArb = fc.tuple(valuesArb, extraArb).map(([values, extra]) => {
    const path: Record<string, string> = {};
    const query: Array<[string, string]> = [];
    params.forEach((p, i) => {
      if (p.in === 'path') path[p.name] = values[i][0] ?? '';
      else for (const v of values[i]) query.push([p.name, v]);
    });
    if (extra) query.push(extra);
    return { path, query };
  });
  const bodyArb: fc.Arbitrary<FuzzRequest['body']> = op.body
    ? fc.record({ contentType: fc.constantFrom(...CONTENT_TYPES), text: bodyTextArb(op.body) })
    : op.multipart
      ? fc.record({
        contentType: fc.constantFrom('multipart/form-data; boundary=fuzz', 'application/json', 'text/csv', ''),
        text: fc.constantFrom('', '--fuzz--\r\n', '--fuzz\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--fuzz--\r\n', '{}', 'a,b\n1,2\n'),
      })
      : fc.constant(undefined);
  return fc.record({
    identity: fc.constantFrom<Identity>('anonymous', 'forged', 'analyst', 'admin'),
    forgedToken: fc.oneof(fc.constantFrom('', 'x', 'null', "' or 1=1 --", 'a'.repeat(10_000), '\u0000'), fc.string({ maxLength: 80 }), fc.base64String({ maxLength: 64 })),
    parts: partsArb,
    body: bodyArb,
  }).map(({ parts, ...rest }) => ({ ...rest, ...parts }));
}

// ---------------------------------------------------------------------------------------------
// Sending and judging

const writes = (op: Operation) => op.method !== 'GET' && op.path !== '/api/auth/login' && op.path !== '/api/auth/logout';

/** Signed-in calls to routes that write get inputs that cannot validate; the rest go as drawn. */
function confine(op: Operation, req: FuzzRequest): FuzzRequest {
  if (!writes(op) || req.identity === 'anonymous' || req.identity === 'forged') return req;
  const path = { ...req.path };
  for (const p of op.parameters.filter((x) => x.in === 'path' && !op.body)) {
    // a key that could name a real row (a pattern it meets, or any number) is made one it cannot meet
    if (p.schema.pattern ? new RegExp(p.schema.pattern, 'u').test(path[p.name]) : isNumeric(p.schema)) path[p.name] = `${path[p.name]}!`;
  }
  let body = req.body;
  if (op.body && body) body = { ...body, text: invalidBodyText(body.text, op.body) };
  if (op.multipart) body = { contentType: 'multipart/form-data; boundary=fuzz', text: '--fuzz\r\nContent-Disposition: form-data; name="note"\r\n\r\nno file\r\n--fuzz--\r\n' };
  return { ...req, path, body };
}

function urlOf(op: Operation, req: FuzzRequest): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(req.path[name] ?? ''));
  const query = req.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return query ? `${path}?${query}` : path;
}

const SQL_TEXT = [
  /\b(select|insert|update|delete)\b[\s\S]{0,200}\b(from|into|set)\b/i, /syntax error/i, /\brelation "/i, /\bcolumn "/i,
  /invalid input syntax/i, /out of range for type/i, /violates .* constraint/i, /\bpg_/i,
];
const STACK_TRACE = [/\n\s+at /, /\.ts:\d+/, /node_modules/, /\bat (async )?[A-Za-z_.]+ \(/];

/** The server's own words: what the request sent is cut out first (a refusal may quote it back). */
function ownText(body: string, req: FuzzRequest): string {
  let text = body;
  const sent = [...Object.values(req.path), ...req.query.flatMap(([k, v]) => [k, v]), req.body?.text ?? ''].filter((s) => s.length >= 3);
  for (const s of sent.sort((a, b) => b.length - a.length)) {
    for (const form of [s, JSON.stringify(s).slice(1, -1)]) text = text.split(form).join('');
  }
  return text;
}

const stats = { requests: 0, byStatus: new Map<number, number>(), slowest: new Map<string, number>(), failures: [] as string[] };

async function send(op: Operation, drawn: FuzzRequest): Promise<void> {
  const req = confine(op, drawn);
  const headers: Record<string, string> = {};
  if (req.identity === 'forged') headers.authorization = `Bearer ${req.forgedToken}`;
  if (req.identity === 'analyst' || req.identity === 'admin') {
    const who = tokens[req.identity];
    // Logging out ends the session, so each signed-in logout spends a session of its own.
    const token = op.path === '/api/auth/logout' ? (await createSession(app.db, who.userId)).token : who.token;
    headers.authorization = `Bearer ${token}`;
  }
  if (req.body && req.body.contentType) headers['content-type'] = req.body.contentType;
  const url = urlOf(op, req);
  const started = performance.now();
  const r = await app.inject({ method: op.method as 'GET', url, headers, payload: req.body?.text });
  const ms = performance.now() - started;
  stats.requests++;
  stats.byStatus.set(r.statusCode, (stats.byStatus.get(r.statusCode) ?? 0) + 1);
  const key = `${op.method} ${op.path}`;
  stats.slowest.set(key, Math.max(stats.slowest.get(key) ?? 0, ms));
  const where = `${op.method} ${url.slice(0, 300)} as ${req.identity}`;
  const problems: string[] = [];
  if (r.statusCode >= 500) problems.push(`status ${r.statusCode}: ${r.body.slice(0, 300)}`);
  const budget = ROUTE_BUDGET_MS[key] ?? BUDGET_MS;
  if (ms > budget) problems.push(`took ${Math.round(ms)} ms (budget ${budget} ms)`);
  const own = ownText(r.body, req);
  const sql = SQL_TEXT.find((re) => re.test(own));
  if (sql) problems.push(`SQL text (${sql}) in the body: ${r.body.slice(0, 300)}`);
  const stack = STACK_TRACE.find((re) => re.test(own));
  if (stack) problems.push(`stack trace (${stack}) in the body: ${r.body.slice(0, 300)}`);
  if (writes(op) && (req.identity === 'analyst' || req.identity === 'admin') && r.statusCode < 400) {
    problems.push(`a write with invalid input was accepted (${r.statusCode})`);
  }
  // Recorded rather than thrown, so one run counts every bad answer of every route (listed when the test fails).
  if (problems.length) stats.failures.push(`${where}: ${problems.join('; ')}`);
}

/** More parameters, more requests: every parameter gets many draws in every route. */
const runsFor = (op: Operation) => BASE_RUNS + 50 * (op.parameters.length + Object.keys(op.body?.properties ?? {}).length);

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  app = await testApp();
  await deleteUsers(app, PREFIX);
  const analyst = await userWithToken(app, PREFIX, 'analyst', ['30']);
  const admin = await userWithToken(app, PREFIX, 'admin');
  tokens.analyst = { token: analyst.token, userId: analyst.user.id };
  tokens.admin = { token: admin.token, userId: admin.user.id };
  const meta = (await app.inject({ method: 'GET', url: '/api/meta' })).json();
  known.year = meta.years[meta.years.length - 1];
  known.houseCode = (await app.db('household').where({ province_code: '30', survey_year: known.year }).first('house_code')).house_code;
  const index = (await app.inject({ method: 'GET', url: '/tiles' })).json() as unknown;
  known.layers = JSON.stringify(index).match(/"([a-z_]+)\.json/g)?.map((m) => m.slice(1, -5)) ?? [];
  if (!known.layers.length) known.layers = ['province', 'district', 'village', 'nightlight'];

  const doc = app.swagger() as { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>> };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    parameters: op.parameters ?? [],
    body: op.requestBody?.content['application/json']?.schema,
    multipart: Boolean(op.requestBody?.content['multipart/form-data']) || /^\/api\/imports\/[a-z]+$/.test(path),
  })));
}, 300_000);

afterAll(async () => {
  const statuses = [...stats.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
  const slow = [...stats.slowest.entries()].sort(([, a], [, b]) => b - a).slice(0, 8).map(([k, ms]) => `${k} ${Math.round(ms)} ms`).join('; ');
  console.log(`fuzz-routes: ${stats.requests} requests over ${operations.length} routes (seed ${SEED}); statuses ${statuses}; `
    + `${stats.failures.length} failing; slowest: ${slow}; held back: ${Object.entries(HELD_BACK).map(([p, h]) => `${p} (${h.why})`).join(', ') || 'nothing'}`);
  await deleteUsers(app, PREFIX);
  await app.close();
});

describe('fuzz every OpenAPI route (fixed seed)', () => {
  it('the OpenAPI document lists the routes to fuzz, and every numeric request parameter has both bounds', () => {
    expect(operations.length).toBeGreaterThan(25);
    const unbounded = operations.flatMap((op) => [
      ...op.parameters.map((p) => [p.name, p.schema] as const),
      ...Object.entries(op.body?.properties ?? {}),
    ].filter(([, s]) => isNumeric(s) && (s.minimum ?? s.exclusiveMinimum) === undefined || isNumeric(s) && (s.maximum ?? s.exclusiveMaximum) === undefined)
      .map(([name]) => `${op.method} ${op.path} ${name}`));
    expect(unbounded).toEqual([]);
  });

  it('every route answers below 500, without SQL or stack traces, within its budget', async () => {
    for (const op of operations) {
      await fc.assert(fc.asyncProperty(requestArb(op), (req) => send(op, req)), { seed: SEED, numRuns: runsFor(op) });
    }
    expect(stats.failures.slice(0, 40), `${stats.failures.length} bad answers`).toEqual([]);
    expect(stats.requests).toBeGreaterThan(3_000);
  }, 600_000);
});
