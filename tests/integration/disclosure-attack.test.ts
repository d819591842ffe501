/**
 * The attacker test (issue 15): read every public aggregate output anonymously, as someone hunting for
 * a family would, and try to learn a count of 1 to 4 households or people:
 * - directly: a published count in 1..4 (also the menu's served targets: target households − unmet need);
 * - from a share: a published share × its denominator (the true one, from the database) in (0, 4.5];
 * - by subtraction inside one area: a published total minus its published cells when exactly one cell
 *   is withheld (failed-dimension counts → households, vulnerability levels → vulnerable households,
 *   welfare-card split → target households, logbook statuses → target households);
 * - by subtraction across the hierarchy: a published parent count minus its published children when
 *   exactly one child is withheld, and a withheld parent whose children are all published (their sum).
 * It reads every vector tile layer at the addresses of sample areas at z4, z6, z8, z10, z12 and z14,
 * and the areas API (areas and their children lists at every level, also at other cut-offs k, where
 * the poor are counted on request), access figures and logbook progress of parents and children
 * (access at 5, 10 and 7.3 km),
 * rankings of whole levels,
 * hotspots, changes, access (area and rankings), assistance, night lights, potential and the
 * light-mismatch list, and the OGC API (issue 19): the items of every area collection (villages
 * around the sample), single features, a CQL2 filter bisecting a withheld count, and the CSV, GeoJSON
 * downloads of a level; and the groups of people (issue 20): each group's people and share in the areas
 * API and its children lists, the tiles' people_/share_ keys, rankings and hotspots by group (the
 * unemployed and under-employed among them), household debt and access to finance (API, children,
 * tiles, rankings), also
 * a group counted in 1 to 4 households (a family's members); and what to speed up (issue 24): the menu
 * checks' gaps are the areas API's published counts (or one of them less a public capacity); and groups
 * 3.2 and 4 from the registry linkage (issue 21): their counts in the areas API, its children lists,
 * rankings and the tiles' keys, group 4 less group 3.2, and a parent less its published children (people coded to the
 * parent and not below); and the stored tile figures and tile properties of every area with 1 to 4 poor
 * households at the rollups' cut-off (counted here from area_score_stats), which must not show h, a or m0.
 * It logs how many values it checked and
 * how many leaks it found, and fails on any.
 */
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/knex.js';
import { decodeTile, tileOf } from '../helpers/tiles.js';
import { withAppAndDb } from '../helpers/api.js';
import { GROUP_MEASURES, PERSON_GROUPS } from '../../server/people/groups.js';

let app: FastifyInstance;
let db: Db;
withAppAndDb((a, d) => {
  app = a;
  db = d;
});

type Json = Record<string, unknown>;
const ZOOMS = [4, 6, 8, 10, 12, 14];
/** Areas the issue names, plus a deterministic sample of every level. */
const NAMED = ['21', '34', '6308', '30010104'];

const leaks: string[] = [];
let checked = 0;

function leak(where: string, what: string) {
  leaks.push(`${where}: ${what}`);
}

const isWithheld = (v: unknown) => v === null || v === undefined;
const small = (v: unknown) => typeof v === 'number' && v >= 1 && v <= 4;

/** One published count: not in 1..4. */
function count(where: string, key: string, v: unknown) {
  if (typeof v !== 'number') return;
  checked++;
  if (small(v)) leak(where, `${key} = ${v}`);
}

/** One published share of a true denominator: share × denominator not in (0, 4.5]. */
function share(where: string, key: string, v: unknown, denominator: number | undefined) {
  if (typeof v !== 'number' || !denominator) return;
  checked++;
  const n = v * denominator;
  if (n > 1e-9 && n <= 4.5) leak(where, `${key} ${v} × ${denominator} = ${n.toFixed(2)}`);
}

/** A total and its cells: exactly one withheld cell under a published total is recoverable. */
function partition(where: string, total: string, totalValue: unknown, cells: Record<string, unknown>) {
  // a total of 0 has cells of 0 only: zero is published, there is nothing to recover
  if (typeof totalValue !== 'number' || totalValue === 0) return;
  checked++;
  const withheld = Object.entries(cells).filter(([, v]) => isWithheld(v));
  if (withheld.length === 1) {
    const rest = Object.values(cells).reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
    leak(where, `${withheld[0][0]} = ${total} ${totalValue} − ${rest} = ${totalValue - rest}`);
  }
}

/** Parent and children: no single withheld child under a published parent; no withheld parent over published children. */
function hierarchy(where: string, key: string, parent: unknown, children: Array<[string, unknown]>) {
  if (!children.length) return;
  checked++;
  const withheld = children.filter(([, v]) => isWithheld(v));
  const sum = children.reduce<number>((s, [, v]) => s + (typeof v === 'number' ? v : 0), 0);
  if (typeof parent === 'number' && parent > 0 && withheld.length === 1) leak(where, `${key} of ${withheld[0][0]} = ${parent} − ${sum} = ${parent - sum}`);
  if (isWithheld(parent) && withheld.length === 0 && sum > 0) leak(where, `withheld ${key} = Σ children = ${sum}`);
}

// ---- what the database knows (the true denominators) ----
interface Truth {
  households: number; people: number; target_households: number; poor_people: number; level: string;
  debt_asked_households: number; finance_asked_households: number;
}
const truth = new Map<string, Truth>();
const trueOf = (code: string | number | undefined) => truth.get(String(code));
let year = 0;
let previousYear: number | undefined;
const sample: Record<string, string[]> = {};
/** The true people and households of every group of people, per area (area_person_stats). */
const personTruth = new Map<string, Record<string, number>>();
const groupOf = new Map(PERSON_GROUPS.map((g) => [g.id, g.of]));

/** A published group count: not 1..4 people, and not people of 1..4 households. */
function groupCount(where: string, code: string, group: string, v: unknown) {
  count(where, group, v);
  const households = personTruth.get(code)?.[`${group}_households`];
  if (typeof v === 'number' && v > 0 && households !== undefined && households <= 4) leak(where, `${group} = ${v} people of ${households} household(s)`);
}

beforeAll(async () => {
  const years = (await db('area_stats').where({ code: 'TH' }).orderBy('survey_year').pluck('survey_year')).map(Number);
  year = years[years.length - 1];
  previousYear = years.length > 1 ? years[years.length - 2] : undefined;
  const { rows } = await db.raw(`select code, level, households, people, target_households, poor_people, debt_asked_households, finance_asked_households
                                 from area_stats where survey_year = ?`, [year]);
  for (const r of rows) truth.set(r.code, r);
  for (const level of ['province', 'district', 'subdistrict', 'village']) {
    const { rows: picked } = await db.raw(
      'select code from area_stats where survey_year = ? and level = ? order by md5(code) limit 4', [year, level]);
    sample[level] = [...NAMED.filter((c) => trueOf(c)?.level === level), ...picked.map((p: { code: string }) => p.code)];
  }
  for (const r of await db('area_person_stats').where({ survey_year: year })) personTruth.set(r.code, r);
}, 60_000);

async function get(url: string): Promise<Json> {
  const res = await app.inject({ url });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
  return res.json();
}

/** The children list of each sampled parent (the country, the sampled provinces, districts, subdistricts). */
async function* families(): AsyncGenerator<{ where: string; parent: Json; children: Json[] }> {
  for (const code of ['TH', ...sample.province, ...sample.district, ...sample.subdistrict]) {
    const family = await get(`/api/areas/${code}/children?year=${year}`);
    yield { where: `/api/areas/${code}/children`, parent: family.parent as Json, children: family.children as Json[] };
  }
}

// ---- the areas API: figures of one summary ----
const SUMMARY_COUNTS = ['households', 'people', 'target_households', 'target_people', 'poor_households', 'poor_people', 'vulnerable_households'];

function summaryCounts(s: Json): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of SUMMARY_COUNTS) out[k] = s[k];
  (s.failed_dims as unknown[] | null)?.forEach((v, i) => (out[`fail_dims_${i}`] = v));
  (s.vulnerability as unknown[] | null)?.forEach((v, i) => (out[`vulnerability_${i}`] = v));
  const w = s.welfare as Json | null;
  if (w) for (const k of ['target_with_card', 'target_without_card', 'to_survey']) out[k] = w[k];
  for (const i of (s.indicators as Json[]) ?? []) {
    out[`deprived_${i.id}`] = i.deprived_households;
    out[`censored_people_${i.id}`] = i.censored_people;
  }
  for (const d of (s.dimensions as Json[]) ?? []) {
    out[`failed_${d.id}`] = d.failed_households;
    out[`dim_censored_people_${d.id}`] = d.censored_people;
  }
  return out;
}

function checkSummary(where: string, s: Json) {
  const t = trueOf(s.code as string);
  if (s.households === null || !t) return;
  for (const [k, v] of Object.entries(summaryCounts(s))) count(where, k, v);
  share(where, 'h', s.h, t.people);
  share(where, 'm0', s.m0 !== null && s.a ? (s.m0 as number) / (s.a as number) : null, t.people);
  for (const i of (s.indicators as Json[]) ?? []) share(where, `censored_headcount ${i.id}`, i.censored_headcount, t.people);
  for (const d of (s.dimensions as Json[]) ?? []) share(where, `censored_headcount ${d.id}`, d.censored_headcount, t.people);
  const c = summaryCounts(s);
  partition(where, 'households', s.households, Object.fromEntries(Object.entries(c).filter(([k]) => k.startsWith('fail_dims_'))));
  partition(where, 'vulnerable_households', s.vulnerable_households, Object.fromEntries(Object.entries(c).filter(([k]) => k.startsWith('vulnerability_'))));
  partition(where, 'target_households', s.target_households, { target_with_card: c.target_with_card, target_without_card: c.target_without_card });
}

// ---- tiles ----
const TILE_COUNTS = /^(households|people|target_households|vulnerable_households|poor_people|target_with_card|target_without_card|helped_households|menu_unmet|fail_dims_\d|debt_households|informal_debt_households|no_finance_households|card_holders_unsurveyed|exclusion_errors)$/;

/** Household debt and access to finance (issue 24): each share and the true households it is of. */
const FINANCE_SHARES: Array<[string, keyof Truth]> = [
  ['debt_share', 'debt_asked_households'], ['informal_debt_share', 'debt_asked_households'], ['no_finance_share', 'finance_asked_households'],
];
const FINANCE_COUNTS = ['debt_asked_households', 'finance_asked_households', 'debt_households', 'informal_debt_households', 'no_finance_households'];

function checkFeature(where: string, p: Json) {
  const t = trueOf(p.code as string);
  for (const [k, v] of Object.entries(p)) if (TILE_COUNTS.test(k)) count(where, k, v);
  // groups 4 and 3.2 of the registry linkage (issue 21): group 4 less group 3.2 is a count too
  if (typeof p.exclusion_errors === 'number' && typeof p.card_holders_unsurveyed === 'number') {
    count(where, 'exclusion_errors − card_holders_unsurveyed', p.exclusion_errors - p.card_holders_unsurveyed);
  }
  if (!t || p.households === undefined) return;
  share(where, 'target_share', p.target_share, t.households);
  share(where, 'vulnerable_share', p.vulnerable_share, t.households);
  share(where, 'h', p.h, t.people);
  share(where, 'helped_share', p.helped_share, t.target_households);
  // the solution menu's unmet need (issue 21): the targets no item with capacity left serves
  share(where, 'menu_unmet_share', p.menu_unmet_share, t.target_households);
  if (typeof p.target_households === 'number' && typeof p.menu_unmet === 'number') count(where, 'menu_served', p.target_households - p.menu_unmet);
  for (const [k, v] of Object.entries(p)) {
    if (k.startsWith('hc_')) share(where, k, v, t.people);
    if (k.startsWith('dim_')) share(where, k, v, t.households);
  }
  for (const [k, of] of FINANCE_SHARES) share(where, k, p[k], t[of] as number);
  for (const g of GROUP_MEASURES) {
    groupCount(where, p.code as string, g.id, p[`people_${g.id}`]);
    share(where, `share_${g.id}`, p[`share_${g.id}`], personTruth.get(p.code as string)?.[g.of]);
  }
  const fails = Object.fromEntries([0, 1, 2, 3, 4, 5].map((i) => [`fail_dims_${i}`, p[`fail_dims_${i}`]]));
  partition(where, 'households', p.households, fails);
  partition(where, 'target_households', p.target_households, { target_with_card: p.target_with_card, target_without_card: p.target_without_card });
}

describe('an anonymous attacker learns no count of 1 to 4', () => {
  it('from any vector tile layer at z4–z14', async () => {
    const catalog = await get('/tiles');
    const layers = (catalog.layers as Json[]).filter((l) => String(l.tilejson).length && !String(l.id).includes('nightlight'));
    let tiles = 0;
    const points: Array<[number, number]> = [];
    for (const code of Object.values(sample).flat()) {
      const { rows } = await db.raw('select st_x(label_point) as lon, st_y(label_point) as lat from admin_area where code = ?', [code]);
      if (rows[0]) points.push([rows[0].lon, rows[0].lat]);
    }
    for (const layer of layers) {
      for (const z of ZOOMS) {
        if (z < (layer.minzoom as number) || z > (layer.maxzoom as number)) continue;
        const seen = new Set<string>();
        for (const [lon, lat] of points) {
          const { x, y } = tileOf(lon, lat, z);
          if (seen.has(`${x}/${y}`)) continue;
          seen.add(`${x}/${y}`);
          const url = `/tiles/${layer.id}/${z}/${x}/${y}.mvt?year=${year}`;
          const res = await app.inject({ url });
          expect([200, 204], url).toContain(res.statusCode);
          tiles++;
          if (res.statusCode === 204) continue;
          const tile = decodeTile(res.rawPayload, res.headers['content-encoding'] as string | undefined);
          for (const name of Object.keys(tile.layers)) {
            const l = tile.layers[name];
            for (let i = 0; i < l.length; i++) checkFeature(`${url} ${name} ${l.feature(i).properties.code ?? l.feature(i).id}`, l.feature(i).properties as Json);
          }
        }
      }
    }
    expect(tiles).toBeGreaterThan(50);
  }, 600_000);

  it('from the areas API, its children lists and the parent-minus-children subtraction', async () => {
    const parents = ['TH', ...sample.province, ...sample.district, ...sample.subdistrict];
    for (const code of [...parents, ...sample.village]) checkSummary(`/api/areas/${code}`, await get(`/api/areas/${code}?year=${year}`));
    for (const code of parents) {
      const family = await get(`/api/areas/${code}/children?year=${year}`);
      const parent = family.parent as Json;
      const children = family.children as Json[];
      for (const c of children) checkSummary(`/api/areas/${code}/children ${c.code}`, c);
      const pc = summaryCounts(parent);
      const cc = children.map((c) => [c.code as string, summaryCounts(c)] as const);
      for (const key of Object.keys(pc)) {
        hierarchy(`/api/areas/${code}/children`, key, pc[key], cc.map(([k, c]) => [k, c[key]]));
      }
      for (const [childCode, c] of cc) {
        partition(`/api/areas/${code}/children ${childCode}`, 'households', children.find((x) => x.code === childCode)!.households,
          Object.fromEntries(Object.entries(c).filter(([k]) => k.startsWith('fail_dims_'))));
      }
    }
  }, 600_000);

  it('from the areas API at another cut-off (tpmap, k = 1/2), where the poor are counted on request', async () => {
    const parents = ['TH', ...sample.province, ...sample.district, ...sample.subdistrict];
    for (const query of ['mode=tpmap', 'mode=af&k=0.5']) {
      for (const code of parents) {
        const family = await get(`/api/areas/${code}/children?year=${year}&${query}`);
        const where = `/api/areas/${code}/children?${query}`;
        const parent = family.parent as Json;
        const children = family.children as Json[];
        for (const c of [parent, ...children]) {
          for (const k of ['poor_households', 'poor_people']) count(`${where} ${c.code}`, k, c[k]);
          share(`${where} ${c.code}`, 'h', c.h, trueOf(c.code as string)?.people);
        }
        const pc = summaryCounts(parent);
        const cc = children.map((c) => [c.code as string, summaryCounts(c)] as const);
        for (const key of Object.keys(pc).filter((k) => /^(poor_|censored_people_|dim_censored_people_)/.test(k))) {
          hierarchy(where, key, pc[key], cc.map(([k, c]) => [k, c[key]]));
        }
      }
    }
  }, 600_000);

  it('from access figures of a parent and its children, at the precomputed distances and another one', async () => {
    const parents = ['TH', ...sample.province, ...sample.district, ...sample.subdistrict];
    const farOf = (a: Json) => {
      const out: Record<string, unknown> = {};
      for (const s of (a.services as Json[]) ?? []) {
        out[`${s.service} located`] = s.located_target_households;
        for (const f of s.far as Json[]) out[`${s.service} far ${f.km}`] = f.target_households;
      }
      return out;
    };
    for (const code of parents) {
      const family = await get(`/api/areas/${code}/children?year=${year}`);
      const kids = (family.children as Json[]).map((c) => c.code as string);
      const url = (c: string) => `/api/areas/${c}/access?year=${year}&km=5,10,7.3`;
      const parent = farOf(await get(url(code)));
      // one request after another: custom distances are gated (a 503 when too many are computed at once)
      const children: Array<readonly [string, Record<string, unknown>]> = [];
      for (const c of kids) {
        const acc = await get(url(c));
        const where = url(c);
        for (const s of (acc.services as Json[]) ?? []) {
          for (const f of s.far as Json[]) {
            count(where, `${s.service} far ${f.km}`, f.target_households);
            share(where, `${s.service} far ${f.km} share`, f.share, s.located_target_households as number);
          }
        }
        children.push([c, farOf(acc)] as const);
      }
      for (const key of Object.keys(parent)) hierarchy(`${url(code)} children`, key, parent[key], children.map(([c, f]) => [c, f[key]]));
    }
  }, 600_000);

  it('from the logbook progress of a parent and its children', async () => {
    const parents = ['TH', ...sample.province, ...sample.district, ...sample.subdistrict];
    const countsOf = (a: Json) => ({
      households: a.households, target_households: a.target_households, helped_households: a.helped_households,
      ...Object.fromEntries(Object.entries((a.targets_by_status ?? {}) as Json).map(([k, v]) => [`status ${k}`, v])),
    }) as Record<string, unknown>;
    for (const code of parents) {
      const family = await get(`/api/areas/${code}/children?year=${year}`);
      const url = (c: string) => `/api/areas/${c}/assistance?year=${year}`;
      const parent = countsOf(await get(url(code)));
      const children: Array<readonly [string, Record<string, unknown>]> = [];
      for (const c of family.children as Json[]) {
        const a = countsOf(await get(url(c.code as string)));
        for (const [k, v] of Object.entries(a)) count(url(c.code as string), k, v);
        children.push([c.code as string, a] as const);
      }
      for (const key of Object.keys(parent)) hierarchy(`${url(code)} children`, key, parent[key], children.map(([c, a]) => [c, a[key]]));
    }
  }, 600_000);

  it('from what to speed up: the solution menu\'s checks name only counts the areas API publishes', async () => {
    const menu = new Map(((await get('/api/menu')).items as Json[]).map((m) => [m.code as string, m]));
    for (const code of ['TH', ...sample.province, ...sample.district, ...sample.subdistrict]) {
      const url = `/api/areas/${code}/speed-up?year=${year}`;
      const s = await get(url);
      const area = await get(`/api/areas/${code}?year=${year}`);
      const deprived = new Map((area.indicators as Json[]).map((i) => [i.id as string, i.deprived_households]));
      const failed = new Map((area.dimensions as Json[]).map((d) => [d.id as string, d.failed_households]));
      for (const t of (s.targets_without_measure ?? []) as Json[]) {
        count(url, `targets_without_measure ${t.code}`, t.gap);
        if (deprived.get(t.code as string) !== t.gap) leak(url, `targets_without_measure ${t.code}: ${t.gap} is not the published count ${deprived.get(t.code as string)}`);
      }
      for (const m of (s.measures_over_capacity ?? []) as Json[]) {
        const item = menu.get(m.code as string);
        if (!item) { leak(url, `measures_over_capacity ${m.code}: no such public menu item`); continue; }
        const addressed = Number(m.gap) + Number(item.capacity_per_year);
        const cells = (item.indicators as string[]).length ? (item.indicators as string[]).map((id) => deprived.get(id)) : [failed.get(item.dimension as string)];
        count(url, `measures_over_capacity ${m.code}`, addressed);
        if (!cells.includes(addressed)) leak(url, `measures_over_capacity ${m.code}: ${addressed} is none of the published counts ${JSON.stringify(cells)}`);
      }
    }
  }, 600_000);

  it('from rankings of whole levels', async () => {
    for (const level of ['province', 'district', 'subdistrict']) {
      for (const by of ['target_share', 'h', 'vulnerable_share', 'indicator:income_threshold', 'dimension:income']) {
        for (const order of ['desc', 'asc']) {
          const r = await get(`/api/rankings?year=${year}&level=${level}&by=${by}&order=${order}&limit=1000`);
          for (const item of r.items as Json[]) {
            const t = trueOf(item.code as string)!;
            const where = `/api/rankings ${level} ${by} ${item.code}`;
            count(where, 'households', item.households);
            share(where, by, item.value, by === 'h' ? t.people : t.households);
          }
        }
      }
    }
  }, 600_000);

  it('from hotspots, changes and the area hotspot panel', async () => {
    for (const level of ['province', 'district']) {
      const h = await get(`/api/hotspots?year=${year}&level=${level}`);
      for (const item of h.items as Json[]) share(`/api/hotspots ${level} ${item.code}`, 'value', item.value, trueOf(item.code as string)?.households);
      if (previousYear) {
        const c = await get(`/api/changes?level=${level}&from=${previousYear}&to=${year}`);
        for (const item of c.items as Json[]) {
          share(`/api/changes ${level} ${item.code}`, 'to_value', item.to_value, trueOf(item.code as string)?.households);
        }
      }
    }
    for (const code of Object.values(sample).flat()) {
      const a = await get(`/api/hotspots/area/${code}?year=${year}`);
      share(`/api/hotspots/area/${code}`, 'value', a.value, trueOf(code)?.households);
    }
  }, 600_000);

  it('from the groups of people: the areas API, its children, rankings and hotspots by group', async () => {
    const groupsOf = (s: Json) => Object.fromEntries(((s.person_groups as Json).groups as Json[]).map((g) => [g.id as string, g]));
    const checkGroups = (where: string, s: Json) => {
      const groups = groupsOf(s);
      for (const [id, g] of Object.entries(groups)) {
        groupCount(where, s.code as string, id, g.people);
        share(where, `share ${id}`, g.share, personTruth.get(s.code as string)?.[groupOf.get(id)!]);
      }
      partition(where, 'target_people', s.target_people, { target_card: groups.target_card.people, target_nocard: groups.target_nocard.people });
    };
    for await (const { where, parent, children } of families()) {
      for (const c of [parent, ...children]) checkGroups(`${where} ${c.code}`, c);
      for (const g of PERSON_GROUPS) {
        hierarchy(`${where} ${g.id}`, g.id, groupsOf(parent)[g.id].people, children.map((c) => [c.code as string, groupsOf(c)[g.id].people]));
      }
    }
    for (const level of ['province', 'district', 'subdistrict']) {
      for (const g of GROUP_MEASURES) {
        const r = await get(`/api/rankings?year=${year}&level=${level}&by=group:${g.id}&limit=1000`);
        for (const item of r.items as Json[]) share(`/api/rankings ${level} group:${g.id} ${item.code}`, g.id, item.value, personTruth.get(item.code as string)?.[g.of]);
      }
    }
    for (const g of ['neet', 'elderly_no_care', 'target_nocard']) {
      const h = await get(`/api/hotspots?year=${year}&level=province&measure=group:${g}`);
      for (const item of h.items as Json[]) share(`/api/hotspots group:${g} ${item.code}`, 'value', item.value, personTruth.get(item.code as string)?.[groupOf.get(g)!]);
    }
  }, 600_000);

  it('from household debt and access to finance: the areas API, its children and rankings', async () => {
    const checkFinance = (where: string, s: Json) => {
      const f = s.finance as Json;
      const t = trueOf(s.code as string);
      for (const k of FINANCE_COUNTS) count(where, k, f[k]);
      if (t) for (const [k, of] of FINANCE_SHARES) share(where, k, f[k], t[of] as number);
    };
    for (const code of ['TH', ...sample.province, ...sample.district, ...sample.subdistrict]) {
      const family = await get(`/api/areas/${code}/children?year=${year}`);
      const where = `/api/areas/${code}/children`;
      const parent = family.parent as Json;
      const children = family.children as Json[];
      for (const c of [parent, ...children]) checkFinance(`${where} ${c.code}`, c);
      for (const k of FINANCE_COUNTS) {
        hierarchy(`${where} ${k}`, k, (parent.finance as Json)[k], children.map((c) => [c.code as string, (c.finance as Json)[k]]));
      }
    }
    for (const level of ['province', 'district', 'subdistrict']) {
      for (const [by, of] of FINANCE_SHARES) {
        const r = await get(`/api/rankings?year=${year}&level=${level}&by=${by}&limit=1000`);
        for (const item of r.items as Json[]) share(`/api/rankings ${level} ${by} ${item.code}`, by, item.value, trueOf(item.code as string)?.[of] as number);
      }
      for (const by of ['debt_households', 'informal_debt_households', 'no_finance_households']) {
        const r = await get(`/api/rankings?year=${year}&level=${level}&by=${by}&limit=1000`);
        for (const item of r.items as Json[]) count(`/api/rankings ${level} ${by} ${item.code}`, by, item.value);
      }
    }
  }, 600_000);

  it('from groups 3.2 and 4 (the registry linkage): the areas API, its children and rankings, with people coded at any level', async () => {
    const registry = (s: Json) => s.person_groups as { exclusion_errors: unknown; card_holders_unsurveyed: unknown };
    for await (const { where, parent, children } of families()) {
      for (const c of [parent, ...children]) {
        const r = registry(c);
        count(`${where} ${c.code}`, 'exclusion_errors', r.exclusion_errors);
        count(`${where} ${c.code}`, 'card_holders_unsurveyed', r.card_holders_unsurveyed);
        // group 3.2 is a part of group 4: the rest is a count too
        if (typeof r.exclusion_errors === 'number' && typeof r.card_holders_unsurveyed === 'number') {
          count(`${where} ${c.code}`, 'exclusion_errors − card_holders_unsurveyed', r.exclusion_errors - r.card_holders_unsurveyed);
        }
      }
      // registry codes can be of any level: a parent's count is its children's plus the people coded to
      // it and not below, so parent − Σ published children (all published, or all but one) must not be
      // 1 to 4 either: it would be those people, or bound the one withheld child by 4
      for (const key of ['exclusion_errors', 'card_holders_unsurveyed'] as const) {
        const p = registry(parent)[key];
        if (typeof p !== 'number' || !children.length) continue;
        checked++;
        const kids = children.map((c) => registry(c)[key]);
        const withheld = kids.filter(isWithheld).length;
        const rest = p - kids.reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0);
        if (withheld <= 1 && small(rest)) leak(`${where} ${key}`, `${p} − Σ published children = ${rest} (${withheld} child withheld)`);
      }
    }
    for (const level of ['province', 'district', 'subdistrict', 'village']) {
      for (const g of ['exclusion_errors', 'card_holders_unsurveyed']) {
        const r = await get(`/api/rankings?year=${year}&level=${level}&by=group:${g}&limit=1000`);
        for (const item of r.items as Json[]) count(`/api/rankings ${level} group:${g} ${item.code}`, g, item.value);
      }
    }
  }, 600_000);

  it('from access, assistance, night lights, potential and the light-mismatch list', async () => {
    for (const code of ['TH', ...Object.values(sample).flat()]) {
      const acc = await get(`/api/areas/${code}/access?year=${year}`);
      count(`/api/areas/${code}/access`, 'households', acc.households);
      count(`/api/areas/${code}/access`, 'target_households', acc.target_households);
      for (const s of (acc.services as Json[]) ?? []) {
        const where = `/api/areas/${code}/access ${s.service}`;
        count(where, 'located_households', s.located_households);
        count(where, 'located_target_households', s.located_target_households);
        const { rows } = await db.raw(`select target_${s.service}_located as n from area_access_stats where code = ? and survey_year = ?`, [code, year]);
        for (const f of s.far as Json[]) {
          count(where, `far ${f.km} km`, f.target_households);
          share(where, `far ${f.km} km share`, f.share, rows[0]?.n);
        }
      }
      const as = await get(`/api/areas/${code}/assistance?year=${year}`);
      const where = `/api/areas/${code}/assistance`;
      for (const k of ['households', 'target_households', 'helped_households']) count(where, k, as[k]);
      share(where, 'helped_share', as.helped_share, trueOf(code)?.target_households);
      const statuses = (as.targets_by_status ?? {}) as Json;
      for (const [k, v] of Object.entries(statuses)) count(where, k, v);
      if (as.targets_by_status) partition(where, 'target_households', as.target_households, statuses);
      for (const route of ['nightlight', 'potential']) {
        const res = await app.inject({ url: `/api/areas/${code}/${route}` });
        expect([200, 404]).toContain(res.statusCode);
      }
    }
    for (const level of ['province', 'district']) {
      for (const service of ['school', 'clinic']) {
        const r = await get(`/api/access/rankings?year=${year}&level=${level}&service=${service}&km=10&limit=1000`);
        for (const item of r.items as Json[]) {
          count(`/api/access/rankings ${level} ${service} ${item.code}`, 'target_households', item.target_households);
          share(`/api/access/rankings ${level} ${service} ${item.code}`, 'value', item.value, item.target_households as number);
        }
      }
      const m = await app.inject({ url: `/api/light-mismatch?level=${level}&class=all&limit=1000` });
      if (m.statusCode === 200) {
        for (const item of m.json().items as Json[]) share(`/api/light-mismatch ${level} ${item.code}`, 'target_share', item.target_share, trueOf(item.code as string)?.households);
      }
    }
  }, 600_000);

  it('from the OGC API: items of every level, single features, CQL2 filters and downloads', async () => {
    const ogcCollections: Array<[string, string]> = [['provinces', 'province'], ['districts', 'district'], ['subdistricts', 'subdistrict']];
    const pages = async (first: string) => {
      const all: Json[] = [];
      for (let next: string | undefined = first; next;) {
        const page = await get(next);
        all.push(...(page.features as Json[]));
        next = (page.links as Json[]).find((l) => l.rel === 'next')?.href as string | undefined;
      }
      return all;
    };
    for (const [collection] of ogcCollections) {
      const items = await pages(`/ogc/collections/${collection}/items?limit=10000&year=${year}&f=json`);
      expect(items.length).toBeGreaterThan(0);
      for (const f of items) checkFeature(`/ogc/collections/${collection}/items ${f.id}`, f.properties as Json);
    }
    // villages: those around the sample villages, and each sample village alone
    for (const code of sample.village) {
      const { rows } = await db.raw('select st_x(label_point) as lon, st_y(label_point) as lat from admin_area where code = ?', [code]);
      const { lon, lat } = rows[0];
      const near = await pages(`/ogc/collections/villages/items?limit=1000&year=${year}&bbox=${lon - 0.05},${lat - 0.05},${lon + 0.05},${lat + 0.05}`);
      for (const f of near) checkFeature(`/ogc/collections/villages/items ${f.id}`, f.properties as Json);
      checkFeature(`/ogc/collections/villages/items/${code}`, (await get(`/ogc/collections/villages/items/${code}?year=${year}`)).properties as Json);
    }
    // CQL2 bisection: a filter on a withheld count must not tell its value (it matches neither side)
    const { rows: hidden } = await db.raw(
      `select ap.code, a.level from area_public ap join admin_area a on a.code = ap.code
        where ap.survey_year = ? and not ap.suppressed and jsonb_exists(ap.withheld, 'target_households') order by md5(ap.code) limit 10`, [year]);
    const plural: Record<string, string> = { province: 'provinces', district: 'districts', subdistrict: 'subdistricts', village: 'villages' };
    for (const h of hidden as Array<{ code: string; level: string }>) {
      for (const cond of ['target_households <= 4', 'target_households > 4', 'NOT (target_households <= 4)', 'target_share > 0', 'NOT (target_share > 0)']) {
        const filter = encodeURIComponent(`code = '${h.code}' AND ${cond}`);
        const page = await get(`/ogc/collections/${plural[h.level]}/items?year=${year}&filter=${filter}`);
        checked++;
        if ((page.features as Json[]).length) leak(`/ogc/collections/${plural[h.level]}/items?filter`, `${h.code} matches ${cond} (withheld target_households)`);
      }
    }
    // downloads: the CSV and GeoJSON of the district level
    const csv = await app.inject({ url: `/ogc/collections/districts/download?format=csv&year=${year}` });
    expect(csv.statusCode).toBe(200);
    const [header, ...lines] = csv.body.replace(/^\uFEFF/, '').trim().split('\n');
    const names = header.split(',');
    for (const line of lines) {
      // figures and codes hold no commas; names (which may) come before them and are left aside
      const cells = line.split(',');
      const values = Object.fromEntries(names.map((n, i) => [n, cells[cells.length - names.length + i]]));
      const p: Json = { code: cells[0] };
      for (const [k, v] of Object.entries(values)) if (k !== 'code' && v !== undefined && v !== '' && /^-?[0-9.e+-]+$/.test(v)) p[k] = Number(v);
      checkFeature(`/ogc/collections/districts/download?format=csv ${cells[0]}`, p);
    }
    const geojson = await app.inject({ url: `/ogc/collections/districts/download?format=geojson&year=${year}` });
    expect(geojson.statusCode).toBe(200);
    for (const f of geojson.json().features as Json[]) checkFeature(`/ogc/collections/districts/download?format=geojson ${(f.properties as Json).code}`, f.properties as Json);
  }, 600_000);

  it('from the stored tile figures: no area of 1 to 4 poor households shows h, a or m0 (its poor counted here from the score rollup)', async () => {
    // the poor at the rollups' cut-off (score60 >= 20), counted independently of the policy's code:
    // an area with 1 to 4 of them must not show the figures resting on its poor people
    const { rows } = await db.raw(`
      with poor as (select code, survey_year, sum(households) as poor_households
                    from area_score_stats where score60 >= 20 group by code, survey_year)
      select m.code, m.survey_year, jsonb_exists_any(m.metrics, array['h', 'a', 'm0']) as shown_metrics,
             jsonb_exists_any(t.properties, array['h', 'a', 'm0']) as shown_tile
      from poor p
      join tile_area_metrics m on m.code = p.code and m.survey_year = p.survey_year
      join tile_area_properties t on t.code = p.code and t.survey_year = p.survey_year
      where p.poor_households between 1 and 4 and m.metrics is not null`);
    expect(rows.length).toBeGreaterThan(100);
    checked += rows.length;
    for (const r of rows) {
      if (r.shown_metrics || r.shown_tile) leak(`tile_area_metrics ${r.code} ${r.survey_year}`, 'h, a or m0 of 1 to 4 poor households');
    }
  });

  it('in all: reports what it checked and found nothing', () => {
    console.log(`disclosure attack: ${checked} values checked, ${leaks.length} leaks`);
    const byRoute = new Map<string, number>();
    for (const l of leaks) {
      const route = l.split(' ')[0].replace(/\/[0-9]+\/[0-9]+\/[0-9]+\.mvt.*$/, '/z/x/y.mvt').replace(/\?.*$/, '').replace(/\/[0-9TH]+(\/|$)/g, '/:code$1');
      byRoute.set(route, (byRoute.get(route) ?? 0) + 1);
    }
    console.log([...byRoute].map(([r, n]) => `  ${r}: ${n}`).join('\n'));
    console.log(leaks.slice(0, 15).join('\n'));
    expect(checked).toBeGreaterThan(1000);
    expect(leaks).toEqual([]);
  });
});
