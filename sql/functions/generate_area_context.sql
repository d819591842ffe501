-- povmap.generate_area_context(seed, survey years): the synthetic area context for the dashboard
-- (issue 24), deterministic from the seed like the rest: every value is povmap.rand(seed, key, salt). Plausible, not real, figures:
--   * provincial accounts per province and survey year: GPP per head by region (north-east lowest,
--     about 60-120 k baht; north 80-170 k; south 110-250 k; central and west 120-380 k; the east
--     160-450 k; Rayong about 0.9-1 M and Bangkok about 0.65-0.75 M the highest), growing ~3 % a year;
--     population = the province's share of the survey's members scaled to 66 M people; household
--     consumption 45-80 % of GPP (the poorer the province, the larger), investment 15-30 %.
--   * HAI: eight parts in 0.45-0.85, lower in the north-east and the deep south (94-96), the index
--     their mean.
--   * centre staff: province 8-20 (5-30 partners), district 3-8 (2-10), subdistrict 1-4 (0-5).
--   * budgeted projects: 4 per province, 1-4 per district, in the latest survey year or up to two
--     before; a quarter planned (0 %), half in progress (a fifth of them still at 0 %), a quarter done.
--   * OTOP products: 30 % of villages have one, 8 % two; stars mostly 3.
-- Run by the generator (sql/generate/50_area_context.sql) and, for a data set generated before the
-- tables existed, by server/db/refresh.ts. A function so the seed and years are bound once for many
-- statements.
create or replace function povmap.generate_area_context(p_seed integer, p_years smallint[]) returns void
language plpgsql as $fn$
begin
  drop table if exists ctx_params, ctx_province;
  create temp table ctx_params as select p_seed as seed, p_years as years;

  -- A province's region factor: GPP per head (baht) in the first year and how well-off for the HAI.
  create temp table ctx_province as
  select p.code, p.code::bigint as key, (select seed from ctx_params) as seed,
         case when p.code = '21' then 900000 when p.code = '10' then 650000
              when p.code between '30' and '49' then 60000
              when p.code between '50' and '67' then 80000
              when p.code between '80' and '96' then 110000
              when p.code between '20' and '27' then 160000
              else 120000 end as base_per_head,
         case when p.code = '21' then 100000 when p.code = '10' then 100000
              when p.code between '30' and '49' then 60000
              when p.code between '50' and '67' then 90000
              when p.code between '80' and '96' then 140000
              when p.code between '20' and '27' then 290000
              else 260000 end as spread_per_head,
         case when p.code between '30' and '49' or p.code in ('94', '95', '96') then 0.0 when p.code in ('10', '21') then 1.0 else 0.5 end as wellbeing,
         coalesce(m.members, 0) as members
  from admin_area p
  left join (select province_code, sum(members)::float8 as members from household
             where survey_year = (select min(y) from unnest((select years from ctx_params)) y) group by province_code) m
    on m.province_code = p.code
  where p.level = 'province';

  insert into province_economy (province_code, year, population, gpp_million_baht, consumption_million_baht, investment_million_baht)
  select p.code, y.year, pop.population,
         round((per_head * pop.population / 1e6)::numeric, 2),
         round((per_head * pop.population / 1e6 * (0.80 - 0.35 * least(1, per_head / 400000.0) - 0.05 * povmap.rand(p.seed, p.key, 5003)))::numeric, 2),
         round((per_head * pop.population / 1e6 * (0.15 + 0.15 * povmap.rand(p.seed, p.key * 10000 + y.year, 5004)))::numeric, 2)
  from ctx_province p
  cross join unnest((select years from ctx_params)) y(year)
  cross join lateral (select greatest(1, round(66000000 * p.members / nullif((select sum(members) from ctx_province), 0)))::integer as population) pop
  cross join lateral (
    select (p.base_per_head + p.spread_per_head * povmap.rand(p.seed, p.key, 5001))
           * power(1.03, y.year - (select min(x) from unnest((select years from ctx_params)) x))
           * (0.99 + 0.02 * povmap.rand(p.seed, p.key * 10000 + y.year, 5002)) as per_head
  ) g;

  insert into province_hai (province_code, year, hai, health, education, working_life, income, housing_environment,
                            family_community, transport_communication, participation)
  select p.code, y.year, round((select avg(x) from unnest(c.parts) x)::numeric, 4),
         round(c.parts[1]::numeric, 4), round(c.parts[2]::numeric, 4), round(c.parts[3]::numeric, 4), round(c.parts[4]::numeric, 4),
         round(c.parts[5]::numeric, 4), round(c.parts[6]::numeric, 4), round(c.parts[7]::numeric, 4), round(c.parts[8]::numeric, 4)
  from ctx_province p
  cross join unnest((select years from ctx_params)) y(year)
  cross join lateral (
    select array_agg(0.45 + 0.15 * p.wellbeing + 0.25 * povmap.rand(p.seed, p.key * 10000 + y.year, 5100 + part)
                     + 0.005 * (y.year - (select min(x) from unnest((select years from ctx_params)) x)) order by part) as parts
    from generate_series(1, 8) part
  ) c;

  insert into centre_staff (area_code, staff, partners)
  select a.code,
         case a.level when 'province' then 8 + floor(13 * povmap.rand(s.seed, a.code::bigint, 5201))
                      when 'district' then 3 + floor(6 * povmap.rand(s.seed, a.code::bigint, 5201))
                      else 1 + floor(4 * povmap.rand(s.seed, a.code::bigint, 5201)) end,
         case a.level when 'province' then 5 + floor(26 * povmap.rand(s.seed, a.code::bigint, 5202))
                      when 'district' then 2 + floor(9 * povmap.rand(s.seed, a.code::bigint, 5202))
                      else floor(6 * povmap.rand(s.seed, a.code::bigint, 5202)) end
  from admin_area a cross join ctx_params s
  where a.level in ('province', 'district', 'subdistrict');

  -- Projects: the area, its number i, a draw r(salt) per project.
  with slot as (
    select a.code as area_code, a.code::bigint * 10 + i as key, i, s.seed,
           (select max(y) from unnest(s.years) y) as last_year
    from admin_area a cross join ctx_params s
    cross join lateral generate_series(1, case when a.level = 'province' then 4 else 1 + floor(4 * povmap.rand(s.seed, a.code::bigint, 5300))::integer end) i
    where a.level in ('province', 'district')
  ),
  drawn as (
    select s.*, d.id as dimension, d.number as dim_number,
           povmap.rand(s.seed, s.key, 5302) as r_status, povmap.rand(s.seed, s.key, 5303) as r_progress
    from slot s
    join povmap.dimension d on d.number = 1 + floor(5 * povmap.rand(s.seed, s.key, 5301))::integer
  )
  insert into project (project_code, title_th, title_en, agency, budget_baht, area_code, addresses, stage, status, progress, start_year)
  select format('P%s-%s-%s', d.last_year, d.area_code, d.i),
         (array['ส่งเสริมสุขภาพชุมชน', 'ซ่อมแซมบ้านผู้มีรายได้น้อย', 'ทุนการศึกษาและการเรียนรู้ตลอดชีวิต', 'ส่งเสริมอาชีพและรายได้', 'ดูแลผู้สูงอายุและคนพิการ'])[d.dim_number]
           || ' ' || a.name_th,
         (array['Community health promotion', 'Housing repair for low-income households', 'Scholarships and lifelong learning',
                'Jobs and income promotion', 'Care for the elderly and people with disabilities'])[d.dim_number] || ' ' || coalesce(a.name_en, a.code),
         (array['สำนักงานสาธารณสุขจังหวัด', 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด', 'สำนักงานส่งเสริมการเรียนรู้จังหวัด',
                'สำนักงานพัฒนาชุมชนจังหวัด', 'องค์การบริหารส่วนจังหวัด', 'สำนักงานเกษตรจังหวัด'])[1 + floor(6 * povmap.rand(d.seed, d.key, 5304))::integer],
         round((200000 * power(100, povmap.rand(d.seed, d.key, 5305)))::numeric, -3),
         d.area_code, d.dimension,
         (array['survive', 'sufficiency', 'sustainable'])[1 + floor(3 * povmap.rand(d.seed, d.key, 5306))::integer],
         st.status,
         case st.status when 'done' then 100 when 'planned' then 0
                        else case when d.r_progress < 0.2 then 0 else 10 + floor(86 * povmap.rand(d.seed, d.key, 5307))::integer end end,
         d.last_year - floor(3 * povmap.rand(d.seed, d.key, 5308))::integer
  from drawn d
  join admin_area a on a.code = d.area_code
  cross join lateral (select case when d.r_status < 0.25 then 'planned' when d.r_status < 0.75 then 'in_progress' else 'done' end as status) st;

  with slot as (
    select v.code as village_code, v.code::bigint * 10 + i as key, i, s.seed
    from admin_area v cross join ctx_params s
    cross join lateral generate_series(1, 2) i
    where v.level = 'village'
      and povmap.rand(s.seed, v.code::bigint, 5400) < case i when 1 then 0.30 else 0.08 end
  ),
  drawn as (select s.*, 1 + floor(5 * povmap.rand(s.seed, s.key, 5401))::integer as cat from slot s)
  insert into otop_product (village_code, name, category, stars)
  select d.village_code,
         (array[array['ข้าวกล้องหอมมะลิ', 'กล้วยตาก', 'น้ำพริกแกง'], array['น้ำผึ้งป่า', 'ชาสมุนไพร', 'ไวน์ผลไม้'],
                array['ผ้าไหมมัดหมี่', 'ผ้าฝ้ายทอมือ', 'ผ้าขาวม้า'], array['เครื่องจักสานไม้ไผ่', 'ตะกร้าหวาย', 'เครื่องปั้นดินเผา'],
                array['ยาหม่องสมุนไพร', 'ลูกประคบ', 'สบู่สมุนไพร']])[d.cat][1 + floor(3 * povmap.rand(d.seed, d.key, 5402))::integer]
           || ' หมู่ ' || (right(d.village_code, 2)::integer) || case when d.i = 2 then ' (2)' else '' end,
         (array['food', 'beverage', 'textiles', 'household', 'herbal'])[d.cat],
         (array[1, 2, 2, 3, 3, 3, 3, 4, 4, 5])[1 + floor(10 * povmap.rand(d.seed, d.key, 5403))::integer]
  from drawn d;
  drop table ctx_params, ctx_province;
end
$fn$;
