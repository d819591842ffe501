-- Synthetic people of one province's households (bound as the only parameter), made after the
-- households and their indexes. Every household gets `members` people, made to agree with its row:
--   * each failed age-based indicator is true of a member, and a passed one of none: pre-school care
--     (3–5 not in education), compulsory school (6–14), continue to M.4 (15–17), literacy (15–59
--     unable to read), work 15–59 (not in education and without work), work 60+ (without work or
--     income), elderly care (60+ needing daily care and receiving none), disabled care (disabled and
--     receiving no care); a failed newborn weight has a member aged 0 (the weight itself is not kept).
--     The members these need are guaranteed by povmap.person_min_members (21_households.sql).
--   * the welfare card is held by the household's `welfare_card_holders` oldest members.
--   * unemployed and under-employed (migration 015) are drawn among those without and with work.
-- Roles: the head (person 1), then one member per indicator that needs its own age ('elder',
-- 'youth', 'school', 'preschool', 'newborn'), then a spouse, then others of any age. Draws are
-- povmap.rand(seed, house_code * 100 + person_no, salt), so a person is the same in any run order.
-- Speed: as in 21_households.sql, the laterals that compute values end in `offset 0` so that each
-- value (a member's age above all) is computed once per row, not once per use.
insert into person (survey_year, house_code, person_no, village_code, subdistrict_code, district_code, province_code,
                    national_id, age, sex, relation_to_head, disabled, in_education, employed, literate,
                    welfare_card, needs_daily_care, receives_care, unemployed, underemployed)
select survey_year, house_code, n, village_code, subdistrict_code, district_code, province_code,
       national_id, age, sex, relation_to_head, disabled, in_education, employed, literate,
       row_number() over (partition by survey_year, house_code order by age desc, n) <= welfare_card_holders,
       needs_daily_care, receives_care,
       -- unemployed: most of those 15–59 neither working nor studying look for work (1–3 % of the labour
       -- force, where the household fails the work indicator); the others are outside the labour force
       age between 15 and 59 and not employed and not in_education and povmap.rand(seed, key, 220) < 0.6,
       -- under-employed: a few % of workers, more where the household's income is below the threshold
       age between 15 and 59 and employed
         and povmap.rand(seed, key, 221) < case when household_deprived & 16384 <> 0 then 0.12
                                                when household_deprived <> 0 then 0.06 else 0.025 end
from (
  select h.survey_year, h.house_code, p.n, h.village_code, h.subdistrict_code, h.district_code, h.province_code,
         h.welfare_card_holders, g.seed, k.key, h.deprived as household_deprived,
         case when p.n = 1 then h.national_id
              else povmap.thai_id_with_check(idn.first12) end as national_id,
         a.age,
         case when p.n = 1 then hd.sex when r.role = 'spouse' then case hd.sex when 'm' then 'f' else 'm' end
              when povmap.rand(g.seed, k.key, 213) < 0.49 then 'm' else 'f' end as sex,
         case when p.n = 1 then 'head' when r.role = 'spouse' then 'spouse' when r.role = 'elder' then 'parent'
              when a.age >= hd.age + 15 then 'parent' when a.age <= hd.age - 40 then 'grandchild'
              when a.age <= hd.age - 15 then 'child' else 'relative' end as relation_to_head,
         f.disabled, f.in_education,
         case when a.age < 15 then false
              when a.age < 60 then not f.in_education and not (h.deprived & 4096 <> 0 and (p.n = 1 or a.age <= 24))
              else not (h.deprived & 8192 <> 0 and r.elder_witness) end as employed,
         case when a.age < 8 then false
              when a.age between 15 and 59 then not (h.deprived & 2048 <> 0 and p.n = 1)
              when a.age >= 60 then povmap.rand(g.seed, k.key, 215) < 0.93
              else true end as literate,
         c.needs_daily_care,
         case when not (f.disabled or c.needs_daily_care) then null
              when (r.elder_witness and h.deprived & 32768 <> 0) or (p.n = 1 and h.deprived & 65536 <> 0) then false
              else true end as receives_care
  from household h
  cross join gen.params g
  cross join lateral (
    select h.deprived & (2048 | 4096) <> 0 as adult_witness,   -- literacy or work 15–59: the head is 25–59
           h.deprived & (8192 | 32768) <> 0 as elder_needed,   -- work 60+ or elderly care: someone is 60+
           h.house_code::bigint * 100 as key0
    offset 0
  ) w
  cross join lateral (
    select array['head']
           || case when w.elder_needed and w.adult_witness then array['elder'] else '{}'::text[] end
           || case when h.deprived & 1024 <> 0 then array['youth'] else '{}'::text[] end
           || case when h.deprived & 512 <> 0 then array['school'] else '{}'::text[] end
           || case when h.deprived & 256 <> 0 then array['preschool'] else '{}'::text[] end
           || case when h.deprived & 1 <> 0 then array['newborn'] else '{}'::text[] end as roles,
           case when w.adult_witness then 25 + floor(35 * povmap.rand(g.seed, w.key0, 201))
                when w.elder_needed then 60 + floor(26 * povmap.rand(g.seed, w.key0, 201))
                else 22 + floor(58 * power(povmap.rand(g.seed, w.key0, 201), 1.3)) end::smallint as age,
           case when povmap.rand(g.seed, w.key0, 202) < 0.62 then 'm' else 'f' end as sex
    offset 0
  ) hd
  cross join lateral generate_series(1, h.members) p(n)
  cross join lateral (select w.key0 + p.n as key) k
  cross join lateral (
    select coalesce(hd.roles[p.n], case when p.n = cardinality(hd.roles) + 1 then 'spouse' else 'other' end) as role
    offset 0
  ) r0
  cross join lateral (
    -- the member work 60+ and elderly care are about: the elder, or the head when there is none
    select r0.role, case when w.adult_witness then r0.role = 'elder' else w.elder_needed and p.n = 1 end as elder_witness
    offset 0
  ) r
  cross join lateral (
    select (case r.role
             when 'head' then hd.age
             when 'elder' then 60 + floor(26 * povmap.rand(g.seed, k.key, 210))
             when 'youth' then 15 + floor(3 * povmap.rand(g.seed, k.key, 210))
             when 'school' then 6 + floor(9 * povmap.rand(g.seed, k.key, 210))
             when 'preschool' then 3 + floor(3 * povmap.rand(g.seed, k.key, 210))
             when 'newborn' then 0
             when 'spouse' then greatest(18, least(95, hd.age - 5 + floor(11 * povmap.rand(g.seed, k.key, 210))))
             else case when povmap.rand(g.seed, k.key, 211) < 0.16 then floor(6 * povmap.rand(g.seed, k.key, 210))
                       when povmap.rand(g.seed, k.key, 211) < 0.40 then 6 + floor(9 * povmap.rand(g.seed, k.key, 210))
                       when povmap.rand(g.seed, k.key, 211) < 0.58 then 15 + floor(10 * povmap.rand(g.seed, k.key, 210))
                       when povmap.rand(g.seed, k.key, 211) < 0.82 then 25 + floor(35 * povmap.rand(g.seed, k.key, 210))
                       else 60 + floor(30 * povmap.rand(g.seed, k.key, 210)) end
           end)::smallint as age
    offset 0
  ) a
  cross join lateral (
    select (h.deprived & 65536 <> 0 and p.n = 1) or (not r.elder_witness and povmap.rand(g.seed, k.key, 216) < 0.025) as disabled,
           case when a.age between 3 and 5 then h.deprived & 256 = 0
                when a.age between 6 and 14 then h.deprived & 512 = 0
                when a.age between 15 and 17 then h.deprived & 1024 = 0
                when a.age between 18 and 24 then povmap.rand(g.seed, k.key, 214) < 0.4
                else false end as in_education
    offset 0
  ) f
  cross join lateral (
    select case when r.elder_witness and h.deprived & 32768 <> 0 then true
                when p.n = 1 and h.deprived & 65536 <> 0 then false   -- the uncared-for disabled head: not also an uncared-for elder
                when a.age >= 60 then povmap.rand(g.seed, k.key, 217) < 0.08
                when f.disabled then povmap.rand(g.seed, k.key, 217) < 0.4
                else false end as needs_daily_care
    offset 0
  ) c
  -- the first 12 digits of a member's own national id (the head's is the household's)
  cross join lateral (
    select (1 + floor(8 * povmap.rand(g.seed, k.key, 218)))::bigint * 100000000000
           + floor(100000000000 * povmap.rand(g.seed, k.key, 219))::bigint as first12
    offset 0
  ) idn
  where h.province_code = ?
) x;
