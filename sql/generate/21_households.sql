-- Synthetic households of one province (bound as the only parameter), calibrated to the BMN survey.
-- Inputs: gen.params, gen.village and gen.scale (20_villages.sql), and each indicator's prevalence
-- among targets, povmap.indicator.generator_rate (seeded from server/mpi/indicators.ts). Every draw is
-- povmap.rand(seed, key, salt), so a household is the same whatever else is generated, and provinces
-- can be made in any order or in parallel.
-- Speed: the laterals that compute values end in `offset 0`, which keeps the planner from flattening it into the
-- select list. Flattened, each use of a value repeats its whole expression: `d.deprived` alone is
-- used a dozen times, and each copy drew the 17 indicators again (a dozen hashes and a subplan per
-- copy). Kept apart, each value is computed once per row; the values are the same either way.
-- povmap.thai_id_with_check is inlined only when its argument is a plain column (idn.first12).
insert into household (survey_year, house_code, village_code, subdistrict_code, district_code, province_code,
                       geom, members, deprived, income_per_person, dependents, housing_problem,
                       welfare_card_holders, head_name, national_id, has_debt, informal_debt, finance_access)
select y.year, h.house_code, v.code, v.subdistrict_code, v.district_code, v.province_code, pt.geom,
       mm.members, d.deprived,
       case when d.deprived & 16384 <> 0 then 15000 + floor(23000 * povmap.rand(v.seed, h.key, 9))
            when povmap.rand(v.seed, h.key, 8) < least(0.92, 0.70 * power(v.poverty, 0.3))
              then 38000 + floor(62000 * povmap.rand(v.seed, h.key, 9))
            else least(5000000, 100000 + floor(-ln(1 - povmap.rand(v.seed, h.key, 9)) * 120000)) end,
       d.dependents,
       d.deprived & 16 <> 0 or povmap.rand(v.seed, h.key, 7) < 0.04,
       -- a target household's card is held by all its members (the plan's 32 % of urgent targets'
       -- people hold one, as 32 % of target households do); elsewhere by some of them
       case when povmap.rand(v.seed, h.key, 10) >= case when d.deprived <> 0 then 0.32 else 0.2 * power(v.poverty, 0.3) end then 0
            when d.deprived <> 0 then mm.members
            else 1 + floor(povmap.rand(v.seed, h.key, 11) * mm.members)::integer end,
       (array['นาย','นาง','นางสาว'])[1 + floor(3 * povmap.rand(v.seed, h.key, 12))::integer]
         || (array['สมชาย','สมศรี','สมหญิง','บุญมี','ประเสริฐ','มาลี','สมบัติ','วิไล','สุนทร','ทองดี',
                   'อำนวย','จันทร์เพ็ญ','ประยูร','บุญเรือน','สุดา','ชัยวัฒน์','นิภา','ศักดิ์ชัย','อุไร','วันชัย'])
              [1 + floor(20 * povmap.rand(v.seed, h.key, 13))::integer]
         || ' ' || (array['ใจดี','ศรีสุข','บุญมา','แก้วมณี','ทองคำ','พรหมมา','สุขสวัสดิ์','จันทร์แก้ว','วงศ์ใหญ่','ศรีสวัสดิ์',
                          'มีสุข','ปัญญาดี','สายทอง','บุญเกิด','อินทร์แก้ว','พึ่งบุญ','คำแสน','ทองมา','แสงจันทร์','ชัยมงคล'])
              [1 + floor(20 * povmap.rand(v.seed, h.key, 14))::integer],
       povmap.thai_id_with_check(idn.first12),
       f.has_debt, f.has_debt and povmap.rand(v.seed, h.key, 21) < f.p_informal, not (povmap.rand(v.seed, h.key, 22) < f.p_no_finance)
from gen.village v
cross join gen.scale sc
cross join (select array_agg(i.generator_rate order by i.number) as q from povmap.indicator i) q
cross join lateral (select g.path[1] as i, g.geom
                    from st_dump(st_generatepoints(v.geom, v.n_households + 10 + v.n_households / 20,
                                                   (1 + (v.code::bigint + v.seed * 7919) % 2000000000)::integer)) g
                    where g.path[1] <= v.n_households) pt
cross join lateral (select v.code || lpad(pt.i::text, 4, '0') as house_code,
                           (v.code || lpad(pt.i::text, 4, '0'))::bigint as key offset 0) h
cross join unnest((select years from gen.params)) with ordinality as y(year, nth)
cross join lateral (
  select least(0.7, sc.target_scale * v.poverty * power(0.9, y.nth - 1)) as p_target,
         0.5 + 5 * power(povmap.rand(v.seed, h.key, 2), 4) as severity,
         1 + floor(6.2 * power(povmap.rand(v.seed, h.key, 4), 1.75))::integer as members
 offset 0) t
cross join lateral (
  select (case when povmap.rand(v.seed, h.key, 1) >= t.p_target then 0 else
            -- each indicator fails with its own prevalence among targets, times the household's severity
            (select coalesce(sum(1 << (j - 1)) filter (where povmap.rand(v.seed, h.key, 100 + j)
                                                       < least(0.95, q.q[j] * t.severity * power(0.95, y.nth - 1))), 0)::integer
             from generate_series(1, cardinality(q.q)) j)
          end) as raw_mask,
         t.members,
         case when povmap.rand(v.seed, h.key, 5) < 0.56
              then least(t.members, 1 + floor(4 * povmap.rand(v.seed, h.key, 6))::integer) else 0 end as dependents,
         povmap.rand(v.seed, h.key, 1) < t.p_target as is_target
 offset 0) m
cross join lateral (
  -- a target that drew no indicator fails the one most targets fail, by the survey's shares
  select m.members, m.dependents,
         case when m.is_target and m.raw_mask = 0 then
           1 << (case when povmap.rand(v.seed, h.key, 3) < 0.45 then 14 when povmap.rand(v.seed, h.key, 3) < 0.60 then 10
                      when povmap.rand(v.seed, h.key, 3) < 0.70 then 12 when povmap.rand(v.seed, h.key, 3) < 0.78 then 13
                      when povmap.rand(v.seed, h.key, 3) < 0.85 then 3 when povmap.rand(v.seed, h.key, 3) < 0.90 then 11
                      when povmap.rand(v.seed, h.key, 3) < 0.95 then 4 else 15 end)
         else m.raw_mask end as deprived
 offset 0) d
-- enough members for the people the failed age-based indicators are about (server/generate/people.ts)
cross join lateral (select greatest(d.members, povmap.person_min_members(d.deprived)) as members offset 0) mm
-- debt and access to finance (migration 015), asked in every generated year: about half the
-- households owe money, more where the income dimension fails (indicators 13–15), and those owe
-- outside banks and cooperatives more often; 5–20 % have no formal account or credit, more in
-- poorer villages and among targets
cross join lateral (
  select povmap.rand(v.seed, h.key, 20) < least(0.85, 0.50 * power(v.poverty, 0.1)
                                                      + case when d.deprived & (4096 | 8192 | 16384) <> 0 then 0.18 else 0 end) as has_debt,
         least(0.9, case when d.deprived & (4096 | 8192 | 16384) <> 0 then 0.55 else 0.22 end * power(v.poverty, 0.3)) as p_informal,
         least(0.5, 0.09 * power(v.poverty, 0.5) + case when d.deprived <> 0 then 0.10 else 0 end) as p_no_finance
 offset 0) f
-- the first 12 digits of the head's national id (povmap.thai_id_with_check adds the check digit)
cross join lateral (
  select (1 + floor(8 * povmap.rand(v.seed, h.key, 15)))::bigint * 100000000000
         + floor(100000000000 * povmap.rand(v.seed, h.key, 16))::bigint as first12 offset 0
) idn
where v.province_code = ?;
