-- Change of one measure between two survey years for the areas of one level with at least
-- min_households households in both, inside a parent area or the whole country, in code order. Every
-- row carries `threshold`, what crossings are judged against: threshold, or when null the country's
-- value in the from year; with no area, one row of nulls still carries it. The measure is computed as
-- in sql/hotspots/area_values.sql.
-- Bindings (knex named): from, to, level, min_households, threshold (or null); kind and number
-- (the measure), group and group_of (as in area_values.sql); province, district, subdistrict (the parent's code in its column, null elsewhere).
with measured as (
  select s.code, s.survey_year, s.households,
         cast(case :kind
           when 'target_share' then s.target_share
           when 'h' then s.h
           when 'a' then s.a
           when 'm0' then s.m0
           when 'vulnerable_share' then cast(s.vulnerable_households as float8) / nullif(s.households, 0)
           when 'indicator' then cast(s.censored_people[:number] as float8) / nullif(s.people, 0)
           when 'dimension' then cast(s.dim_failed_households[:number] as float8) / nullif(s.households, 0)
           when 'group' then cast(to_jsonb(ps) ->> cast(:group as text) as float8)
                             / nullif(cast(to_jsonb(ps) ->> cast(:group_of as text) as float8), 0)
         end as float8) as value
  from area_stats s
left join area_person_stats ps on ps.code = s.code and ps.survey_year = s.survey_year
  where s.survey_year in (:from, :to) and (s.level = :level or s.code = 'TH')
),
threshold as (
  select coalesce(cast(:threshold as float8), (select n.value from measured n where n.code = 'TH' and n.survey_year = :from)) as value
)
select c.code, c.name_th, c.name_en, c.from_value, c.to_value, th.value as threshold
from threshold th
left join lateral (
  select a.code, a.name_th, a.name_en, f.value as from_value, t.value as to_value
  from admin_area a
  join measured f on f.code = a.code and f.survey_year = :from
  join measured t on t.code = a.code and t.survey_year = :to
  where a.level = :level and f.households >= :min_households and t.households >= :min_households
    and (cast(:province as text) is null or a.province_code = :province)
    and (cast(:district as text) is null or a.district_code = :district)
    and (cast(:subdistrict as text) is null or a.subdistrict_code = :subdistrict)
) c on true
order by c.code
