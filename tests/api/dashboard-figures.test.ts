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

  it('urgent issues: household debt, informal debt, no access to finance, unemployment and under-employment', async () => {
    const area = await get(`/api/areas/${code}`);
    const { rows: [f] } = await db.raw(`select count(*) filter (where has_debt is not null)::int as debt_asked, count(*) filter (where has_debt)::int as debt,
      count(*) filter (where informal_debt)::int as informal, count(*) filter (where finance_access is not null)::int as finance_asked,
      count(*) filter (where finance_access = false)::int as no_finance
      from household where survey_year = ? and ${column} = ?`, [area.year, code]);
    expect(f.debt_asked).toBeGreaterThan(0);
    expect(area.finance).toEqual({
      debt_asked_households: f.debt_asked, finance_asked_households: f.finance_asked,
      debt_households: f.debt, debt_share: f.debt / f.debt_asked, informal_debt_households: f.informal, informal_debt_share: f.informal / f.debt_asked,
      no_finance_households: f.no_finance, no_finance_share: f.no_finance / f.finance_asked, withheld: {},
    });
    // the labour force: 15-59, asked, employed or unemployed; the unemployed and under-employed among them
    const { rows: [w] } = await db.raw(`select count(*) filter (where age between 15 and 59 and unemployed is not null and (employed or unemployed))::int as labour_force,
      count(*) filter (where age between 15 and 59 and unemployed)::int as unemployed,
      count(*) filter (where age between 15 and 59 and unemployed is not null and underemployed)::int as underemployed
      from person where survey_year = ? and ${column} = ?`, [area.year, code]);
    const groups = Object.fromEntries(area.person_groups.groups.map((g: { id: string }) => [g.id, g]));
    expect(groups.unemployed).toEqual({ id: 'unemployed', of: 'labour_force', people: w.unemployed, share: w.unemployed / w.labour_force });
    expect(groups.underemployed).toEqual({ id: 'underemployed', of: 'labour_force', people: w.underemployed, share: w.underemployed / w.labour_force });
    // plausible rates (the generator's calibration): about half in debt, 5-20 % without access, 1-3 % unemployed
    expect(f.debt / f.debt_asked).toBeGreaterThan(0.4);
    expect(f.debt / f.debt_asked).toBeLessThan(0.75);
    expect(f.no_finance / f.finance_asked).toBeGreaterThan(0.03);
    expect(f.no_finance / f.finance_asked).toBeLessThan(0.3);
    expect(w.unemployed / w.labour_force).toBeLessThan(0.06);
  });
});

describe('the ten provinces with the most households lacking access to finance', () => {
  it('is one request, in the order of a direct count', async () => {
    const ranking = await get('/api/rankings?level=province&by=no_finance_households&limit=10');
    const { rows } = await db.raw(`select province_code as code, count(*) filter (where finance_access = false)::int as n
      from household where survey_year = ? group by 1 having count(*) filter (where finance_access is not null) > 0
      order by 2 desc, 1 limit 10`, [ranking.year]);
    expect(ranking.items.map((i: { code: string; value: number }) => [i.code, i.value])).toEqual(rows.map((r: { code: string; n: number }) => [r.code, r.n]));
  });
});
