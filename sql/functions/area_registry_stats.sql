-- Rollup of the registry linkage (registry_record) per area x reference year (the table
-- area_registry_stats, migration 023): target groups 4 and 3.2 of the plan, counted in people (README
-- "Registry figures").
--   exclusion_errors         group 4: people with a valid national id (check digit) found in a registry
--                            and in no survey record (status no_match), whatever the registry
--   card_holders_unsurveyed  group 3.2: those of them found in the welfare-card registry (a line whose
--                            registry is named 'welfare_card'): a part of group 4
--   exclusion_errors_no_card the rest of group 4 (not published; the policy's cell that keeps
--                            group 4 − group 3.2 from telling 1 to 4 people)
-- One person counts once per reference year: lines are grouped by (reference_year, id_hash) across
-- registries and imports (a line a later import repeats, or the same id in two registries, is one
-- person); a person any line linked to a survey record is not counted at all.
-- A person is placed at the most detailed area code among their lines (the latest import first);
-- registry codes can be of any level, so a person coded only to a district is in that district's and
-- its ancestors' counts and in no subdistrict: the `_here` columns count the people placed at the
-- area itself and not below it (the disclosure policy's pseudo-child "not coded below this level",
-- sql/disclosure/registry_remainders.sql). A code whose area has no survey data that year (no row of
-- area_stats) has no published figures: its people are placed at its nearest ancestor that has, and
-- people without an area code at the country.
--
-- povmap.area_registry_stats_rows is the definition: the rows of the reference years `p_years` (null:
-- every year). povmap.refresh_rollup_table('area_registry_stats', …) makes the table equal to it for those years, in the
-- caller's transaction, readers never blocked; after area_stats, which places the people.
--
-- Refreshed per year, never per province: a person's lines are grouped across every province before
-- one area code is chosen for them, and the country row is not the sum of the provinces (people
-- without an area code, or whose province has no survey data, are counted at the country only).
-- Years are independent: lines are grouped and placed within their reference year (only a link to
-- a survey record, which takes a person out of every year, looks across years; it comes with a
-- registry import, which refreshes every year).
create or replace function povmap.area_registry_stats_rows(p_years smallint[] default null)
returns table (survey_year smallint, code text, exclusion_errors integer, card_holders_unsurveyed integer,
               exclusion_errors_no_card integer, exclusion_errors_here integer, card_holders_unsurveyed_here integer,
               exclusion_errors_no_card_here integer)
language sql stable as $$
with linked_ids as (
  select distinct id_hash from registry_record where status = 'linked'
),
person_year as (
  select r.reference_year as survey_year, r.id_hash,
         bool_or(r.registry = 'welfare_card') as card,
         (array_agg(r.area_code order by r.area_code is null, length(r.area_code) desc, r.job_id desc, r.line))[1] as area_code
  from registry_record r
  where r.reference_year is not null and r.status in ('no_match', 'duplicate')
    and (p_years is null or r.reference_year = any (p_years))
    and not exists (select 1 from linked_ids l where l.id_hash = r.id_hash)
  group by r.reference_year, r.id_hash
  -- a duplicate line only repeats a first line of its import: at least one line must be that first
  having bool_or(r.status = 'no_match')
),
placed as (
  select p.survey_year, p.card,
         coalesce((select s.code
                   from admin_area a
                   cross join lateral unnest(array[a.code, a.subdistrict_code, a.district_code, a.province_code]) with ordinality as c(code, depth)
                   join area_stats s on s.code = c.code and s.survey_year = p.survey_year
                   where a.code = p.area_code
                   order by c.depth
                   limit 1), 'TH') as code
  from person_year p
),
per_area as (
  select survey_year, code, count(*)::integer as here, count(*) filter (where card)::integer as card_here
  from placed group by survey_year, code
),
-- every placed area adds its people to itself and its ancestors
ancestors as (
  select p.survey_year, p.code as placed_code, x.code, p.here, p.card_here
  from per_area p
  left join admin_area a on a.code = p.code
  cross join lateral (
    select distinct c as code
    from unnest(array['TH', a.province_code, a.district_code, a.subdistrict_code, a.code]) c
    where c is not null
  ) x
)
select ancestors.survey_year, ancestors.code,
       sum(here)::integer as exclusion_errors,
       sum(card_here)::integer as card_holders_unsurveyed,
       sum(here - card_here)::integer as exclusion_errors_no_card,
       coalesce(sum(here) filter (where placed_code = code), 0)::integer as exclusion_errors_here,
       coalesce(sum(card_here) filter (where placed_code = code), 0)::integer as card_holders_unsurveyed_here,
       coalesce(sum(here - card_here) filter (where placed_code = code), 0)::integer as exclusion_errors_no_card_here
from ancestors
group by ancestors.survey_year, ancestors.code
$$;
