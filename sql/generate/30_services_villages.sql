-- Schools, hospitals and subdistrict health-promoting hospitals placed where people live, and the
-- village potential survey. Inputs: gen.params(seed, years), gen.village (from 20_households.sql).

-- Schools: about 35,000, in nearly half of all villages, more likely in populous ones.
insert into service_point (id, kind, name_th, name_en, capacity, subdistrict_code, geom)
select row_number() over (order by v.code)::integer, 'school',
       'โรงเรียนบ้าน' || a.name_th, 'Ban ' || coalesce(a.name_en, v.code) || ' School',
       (60 + floor(40 * v.n_households * povmap.rand(v.seed, v.code::bigint, 41)))::integer,
       v.subdistrict_code,
       (select g.geom from st_dump(st_generatepoints(v.geom, 5, (1 + (v.code::bigint + v.seed) % 2000000000)::integer)) g order by g.path limit 1)
from gen.village v join admin_area a on a.code = v.code
where povmap.rand(v.seed, v.code::bigint, 40) < 0.42 + 0.1 * least(1, v.n_households / 200.0);

-- Hospitals: one per district in its most populous village, and a second in provincial capitals.
insert into service_point (id, kind, name_th, name_en, capacity, subdistrict_code, geom)
select 100000 + row_number() over (order by d.district_code, d.nth)::integer, 'hospital',
       'โรงพยาบาล' || a.name_th || case when d.nth = 2 then ' 2' else '' end,
       coalesce(a.name_en, a.code) || ' Hospital' || case when d.nth = 2 then ' 2' else '' end,
       (case when d.nth = 2 or d.district_code like '__01' then 400 else 60 end
        + floor(300 * povmap.rand(d.seed, d.code::bigint, 42)))::integer,
       d.subdistrict_code,
       (select g.geom from st_dump(st_generatepoints(d.geom, 5, (1 + (d.code::bigint + d.seed * 3) % 2000000000)::integer)) g order by g.path limit 1)
from (select v.*, row_number() over (partition by v.district_code order by v.n_households desc, v.code) as nth
      from gen.village v) d
join admin_area a on a.code = d.district_code
where d.nth = 1 or (d.nth = 2 and d.district_code like '__01');

-- Health-promoting hospitals (รพ.สต.): one or two per subdistrict, about 9,800 in all.
insert into service_point (id, kind, name_th, name_en, capacity, subdistrict_code, geom)
select 200000 + row_number() over (order by s.code)::integer, 'health_promoting_hospital',
       'โรงพยาบาลส่งเสริมสุขภาพตำบล' || a.name_th || case when s.nth = 2 then ' 2' else '' end,
       coalesce(a.name_en, a.code) || ' Health Promoting Hospital' || case when s.nth = 2 then ' 2' else '' end,
       (20 + floor(60 * povmap.rand(s.seed, s.code::bigint, 44)))::integer,
       s.subdistrict_code,
       (select g.geom from st_dump(st_generatepoints(s.geom, 5, (1 + (s.code::bigint + s.seed * 5) % 2000000000)::integer)) g order by g.path limit 1)
from (select v.*, row_number() over (partition by v.subdistrict_code order by povmap.rand(v.seed, v.code::bigint, 43), v.code) as nth
      from gen.village v) s
join admin_area a on a.code = s.subdistrict_code
where s.nth = 1 or (s.nth = 2 and povmap.rand(s.seed, s.subdistrict_code::bigint, 45) < 0.36);

-- Village potential: seven dimensions scored 1-3, lower where the village is poorer.
insert into village_potential (village_code, year, infrastructure, economy, health, education,
                               community_strength, environment, safety)
select v.code, y.year, s[1], s[2], s[3], s[4], s[5], s[6], s[7]
from gen.village v
cross join unnest((select years from gen.params)) y(year)
cross join lateral (
  select array_agg((1 + floor(3 * least(0.999, 0.55 * povmap.rand(v.seed, v.code::bigint * 10000 + y.year, 50 + d)
                                             + 0.72 / (1 + v.poverty))))::smallint order by d) as s
  from generate_series(1, 7) d
) scores;
