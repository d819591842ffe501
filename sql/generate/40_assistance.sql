-- The assistance logbook: what agencies did for target households (households failing at least one
-- indicator). Calibrated to the seed's figure of 621,442 of 631,119 target households helped
-- (98.74 %): a target household is helped (has a 'done' entry) when its draw is below 0.9874.
-- Each target household gets 1 to 3 entries, one per stage (survive, then sufficiency, then
-- sustainable), each addressing one of the dimensions it fails, dated within its survey year.
-- Deterministic: every value is povmap.rand(seed, household key, salt).
-- Bindings (positional, tids '(block,item)'): 1. the first tuple id of the households read, 2. the one
-- after the last. Two connections write the two halves of the table's blocks at once (inBlockHalves
-- in server/generate/generate.ts): an INSERT … SELECT gets no parallel workers, and the national
-- profile's statement alone read 12.8 M households on one core (15.1 and 15.9 s; in two halves at
-- once 8.7 and 9.3 s, the same 1,229,910 rows).
with target as (
  select h.survey_year, h.house_code,
         h.survey_year::bigint * 1000000000000 + h.house_code::bigint as key,
         array(select d.id from povmap.dimension d
               where h.failed_dims & (1 << (d.number - 1)) <> 0 order by d.number) as dims,
         (select seed from gen.params) as seed
  from household h
  where h.deprived <> 0 and h.ctid >= ?::tid and h.ctid < ?::tid
),
entry as (
  select t.*, i,
         povmap.rand(t.seed, t.key, 801) < 0.9874 as helped,
         1 + floor(povmap.rand(t.seed, t.key, 802) * 3)::integer as n_entries
  from target t
  cross join generate_series(1, 3) i
)
insert into assistance_log (survey_year, house_code, agency, done_on, dimension, stage, status, note)
select e.survey_year, e.house_code,
       (array['อบต.', 'พมจ.', 'รพ.สต.', 'กศน.', 'สนง.เกษตรอำเภอ', 'พัฒนาชุมชนอำเภอ'])[1 + floor(povmap.rand(e.seed, e.key, 810 + e.i) * 6)::integer],
       make_date(e.survey_year, 1, 1) + (e.i - 1) * 110 + floor(povmap.rand(e.seed, e.key, 820 + e.i) * 100)::integer,
       e.dims[1 + (e.i - 1 + floor(povmap.rand(e.seed, e.key, 830) * cardinality(e.dims))::integer) % cardinality(e.dims)],
       (array['survive', 'sufficiency', 'sustainable'])[e.i],
       case when e.helped and (e.i = 1 or povmap.rand(e.seed, e.key, 840 + e.i) < 0.6) then 'done'
            when povmap.rand(e.seed, e.key, 850 + e.i) < 0.5 then 'in_progress'
            else 'planned' end,
       null
from entry e
where e.i <= e.n_entries;
