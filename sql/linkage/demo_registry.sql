-- The demo registry (server/linkage/demo-registry.ts): per survey year of the data set, one import job
-- of kind registry, state done, named 'demo registry <year>', with lines built here in SQL (no
-- randomness: every demo database gets the same lines) as the linkage would have recorded them:
--   linked           the people of 1 household in 500 of the year's survey (by a hash of its house
--                    code), in the registry 'welfare_card' when they hold a card, else 'thaiqm';
--                    placed at their village. Chosen by household, not person: 12.8 M house codes
--                    hashed instead of 36 M people's keys, for about as many people (72,577 on the
--                    national profile; with the village count below, this statement 7.9 → 2.8 s)
--   no_match         1,600 people with ids no survey holds (first digit 9: the generator's ids start
--                    with 1-8), spread over the villages of eight of the poorer provinces; 2 in 5 in
--                    the welfare-card registry; coded 7 in 10 to the village, 2 in 10 to the district
--                    only, 1 in 10 to the province only, and 1 in 50 to no area at all
--   duplicate        every 20th of them listed a second time (in 'thaiqm')
--   bad_check_digit  80 ids with a wrong check digit
--   area_only        150 lines without an id, placed by village code
-- Parameters: secret (the server's linkage secret, server/linkage/secret.ts). Returns the lines written.
with years as (
  select s.survey_year from area_stats s where s.code = 'TH'
),
villages as (
  select a.code, a.district_code, a.province_code,
         row_number() over (order by a.code) - 1 as k
  from admin_area a
  where a.level = 'village' and a.province_code = any (array['34', '46', '49', '57', '58', '94', '95', '96'])
),
-- their number apart, so that a line's village is a hash join on k (a count over the villages
-- read in each of them made a nested loop of 8,445 villages × 1,600 lines: 1.2 s)
village_count as (
  select count(*) as n from villages
),
unsurveyed as (
  select y.survey_year, i,
         povmap.thai_id_with_check(900000000000 + (y.survey_year % 100) * 10000000 + i * 7919) as national_id,
         case when i % 5 < 2 then 'welfare_card' else 'thaiqm' end as registry,
         case when i % 50 = 0 then null when i % 10 < 7 then v.code when i % 10 < 9 then v.district_code else v.province_code end as area_code
  from years y
  cross join generate_series(1, 1600) as i
  cross join village_count c
  join villages v on v.k = (i * 7919) % c.n
),
lines as (
  select p.survey_year, 'linked' as status, case when p.welfare_card then 'welfare_card' else 'thaiqm' end as registry,
         p.national_id, h.village_code as area_code, p.survey_year as linked_year, p.house_code, p.person_no, 0 as sort
  from household h
  join person p on p.survey_year = h.survey_year and p.house_code = h.house_code
  where h.survey_year in (select survey_year from years) and abs(hashtext(h.house_code)) % 500 = 0
  union all
  select survey_year, 'no_match', registry, national_id, area_code, null, null, null, 1 from unsurveyed
  union all
  select survey_year, 'duplicate', 'thaiqm', national_id, area_code, null, null, null, 2 from unsurveyed where i % 20 = 0
  union all
  -- the right check digit plus 1 (mod 10) is a wrong one
  select survey_year, 'bad_check_digit', 'thaiqm',
         left(national_id, 12) || ((right(national_id, 1)::integer + 1) % 10)::text, area_code, null, null, null, 3
  from unsurveyed where i <= 80
  union all
  select y.survey_year, 'area_only', 'thaiqm', null, v.code, null, null, null, 4
  from years y cross join generate_series(1, 150) as i cross join village_count c join villages v on v.k = (i * 104729) % c.n
),
numbered as (
  select l.*, row_number() over (partition by l.survey_year order by l.sort, l.national_id, l.area_code) as line from lines l
),
jobs as (
  insert into import_job (kind, source, state, rows_read, rows_valid, inserted, started_at, finished_at)
  select 'registry', 'demo registry ' || survey_year, 'done', count(*), count(*), count(*), now(), now()
  from numbered group by survey_year
  returning id, right(source, 4)::smallint as survey_year
),
written as (
  insert into registry_record (job_id, line, reference_year, registry, record_id, id_hash, area_code, problem, status, survey_year, house_code, person_no)
  select j.id, n.line, n.survey_year, n.registry, 'demo-' || n.line,
         case when n.national_id is not null then hmac(n.national_id, :secret, 'sha256') end,
         n.area_code, null, n.status, n.linked_year, n.house_code, n.person_no
  from numbered n join jobs j on j.survey_year = n.survey_year
  returning 1
)
select count(*)::integer as lines from written
