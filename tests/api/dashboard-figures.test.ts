/**
 * The area dashboard's figures (client/dashboard/) for Udon Thani (41) and its district 4101, as an
 * anonymous reader gets them from the routes the view reads, each against a direct computation on
 * the raw rows of the test database (households, assistance_log, project, centre_staff, the
 * indicator weights), written here without the product's SQL or rollups.
 */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/knex.js';
import { withAppAndDb } from '../helpers/api.js';

let app: FastifyInstance;
let db: Db;
withAppAndDb((a, d) => {
  app = a;
  db = d;
});

const get = async (url: string) => {
  const res = await app.inject(url);
  expect(res.statusCode, url).toBe(200);
  return res.json();
};

describe.each([['41', 'province_code', 'district_code'], ['4101', 'district_code', 'subdistrict_code']])('the dashboard of %s', (code, column, childColumn) => {
  it('urgent issues: targets, the problems ranked by contribution, where to act', async () => {
    const area = await get(`/api/areas/${code}`);
    const year = area.year;
    const { rows: [t] } = await db.raw(`select count(*) filter (where deprived <> 0)::int as households, coalesce(sum(members) filter (where deprived <> 0), 0)::int as people,
      sum(members)::int as all_people, coalesce(sum(members * score60) filter (where score60 >= 20), 0)::float8 as poor_score
      from household where survey_year = ? and ${column} = ?`, [year, code]);
    expect(area.target_households).toBe(t.households);
    expect(area.target_people).toBe(t.people);

    // contribution of indicator j = (w_j · people poor and deprived in j / people) / M0, M0 = Σ poor members × score / (60 · people)
    const indicators = (await db.raw('select number, id, weight60 from povmap.indicator order by number')).rows as Array<{ number: number; id: string; weight60: number }>;
    const { rows: [c] } = await db.raw(`select ${indicators.map((i) => `coalesce(sum(members) filter (where score60 >= 20 and deprived & ${2 ** (i.number - 1)} <> 0), 0)::float8 as "${i.id}"`).join(', ')}
      from household where survey_year = ? and ${column} = ?`, [year, code]);
    const m0 = t.poor_score / (60 * t.all_people);
    const contributions = indicators.map((i) => ({ id: i.id, v: ((i.weight60 / 60) * c[i.id]) / t.all_people / m0 }))
      .sort((a, b) => b.v - a.v).slice(0, 5);
    const shown = [...area.indicators].sort((a: { contribution: number }, b: { contribution: number }) => b.contribution - a.contribution).slice(0, 5);
    expect(shown.map((r: { id: string }) => r.id)).toEqual(contributions.map((r) => r.id));
    for (const [i, r] of shown.entries()) expect(r.contribution).toBeCloseTo(contributions[i].v, 10);

    const children = await get(`/api/areas/${code}/children?year=${year}`);
    const { rows: direct } = await db.raw(`select ${childColumn} as code, count(*) filter (where deprived <> 0)::int as targets
      from household where survey_year = ? and ${column} = ? group by 1
      having count(*) filter (where deprived <> 0) not between 1 and 4 order by 2 desc, 1 limit 10`, [year, code]);
    // (an anonymous reader: a child with 1 to 4 target households has its count withheld, so it is not listed)
    const worst = children.children.filter((x: { target_households: number | null }) => x.target_households != null)
      .sort((a: { target_households: number; code: string }, b: { target_households: number; code: string }) => b.target_households - a.target_households || a.code.localeCompare(b.code))
      .slice(0, 10);
    expect(worst.map((x: { code: string; target_households: number }) => [x.code, x.target_households])).toEqual(direct.map((d: { code: string; targets: number }) => [d.code, d.targets]));
  });

  it('potential and readiness: projects and centre staff inside the area', async () => {
    const context = await get(`/api/areas/${code}/context?limit=10`);
    const { rows: [p] } = await db.raw(`select count(*)::int as n, coalesce(sum(budget_baht), 0)::float8 as budget from project where area_code like ?`, [`${code}%`]);
    expect(context.projects.projects).toBe(p.n);
    expect(context.projects.budget_baht).toBeCloseTo(p.budget, 2);
    const { rows: [s] } = await db.raw(`select coalesce(sum(staff), 0)::int as staff, coalesce(sum(partners), 0)::int as partners from centre_staff
      where area_code in (select code from admin_area where code = ? or ${column} = ?)`, [code, code]);
    // inside = the area or an area whose province/district is it (a geocode's prefix need not be its district's)
    expect([context.centres.staff, context.centres.partners]).toEqual([s.staff, s.partners]);
    const { rows: stages } = await db.raw(`select stage, count(*)::int as n from project where area_code like ? group by stage`, [`${code}%`]);
    for (const st of ['survive', 'sufficiency', 'sustainable']) {
      expect(context.projects.by_stage[st].projects, st).toBe(stages.find((r: { stage: string }) => r.stage === st)?.n ?? 0);
    }
  });

  it('progress: the target households helped (a done logbook entry) and their share', async () => {
    const area = await get(`/api/areas/${code}`);
    const a = await get(`/api/areas/${code}/assistance?year=${area.year}`);
    const { rows: [r] } = await db.raw(`select count(*) filter (where h.deprived <> 0)::int as targets,
      count(*) filter (where h.deprived <> 0 and exists (select 1 from assistance_log l where l.survey_year = h.survey_year and l.house_code = h.house_code and l.status = 'done'))::int as helped
      from household h where h.survey_year = ? and h.${column} = ?`, [area.year, code]);
    expect(r.helped).toBeGreaterThanOrEqual(5);
    expect([a.target_households, a.helped_households]).toEqual([r.targets, r.helped]);
    expect(a.helped_share).toBeCloseTo(r.helped / r.targets, 12);
  });
});
