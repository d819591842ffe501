-- The areas of one level in one survey year with the value of one measure (server/hotspots/measures.ts
-- names them), inside a parent area or the whole country, in code order. `value` is null for
-- areas with fewer than min_households households, and for areas without a public value of the
-- measure: the disclosure policy withholds one of the cells it rests on (withheld_cells,
-- comma-separated) or has not decided on the area yet (left out of the analysis, counted as excluded).
-- Bindings (knex named): level, year, min_households, withheld_cells; kind (target_share | h | a | m0 |
-- vulnerable_share | indicator | dimension) and number (the indicator's or dimension's number, 1-based;
-- null otherwise); group and group_of (a group of people: column in area_person_stats and that of the
-- group it is a share of; null otherwise); province, district, subdistrict (the parent's code in its column, null elsewhere).
select a.code, a.name_th, a.name_en, s.households,
       case when s.households >= :min_households
             and not coalesce(p.suppressed or jsonb_exists_any(p.cells, string_to_array(:withheld_cells, ',')), true) then
         cast(case :kind
           when 'target_share' then s.target_share
           when 'h' then s.h
           when 'a' then s.a
           when 'm0' then s.m0
           when 'vulnerable_share' then cast(s.vulnerable_households as float8) / s.households
           when 'indicator' then cast(s.censored_people[:number] as float8) / s.people
           when 'dimension' then cast(s.dim_failed_households[:number] as float8) / s.households
           when 'group' then cast(to_jsonb(ps) ->> cast(:group as text) as float8)
                             / nullif(cast(to_jsonb(ps) ->> cast(:group_of as text) as float8), 0)
         end as float8)
       end as value
from area_stats s
left join area_person_stats ps on ps.code = s.code and ps.survey_year = s.survey_year
join admin_area a on a.code = s.code
left join area_public p on p.code = s.code and p.survey_year = s.survey_year
where s.level = :level and s.survey_year = :year
  and (cast(:province as text) is null or a.province_code = :province)
  and (cast(:district as text) is null or a.district_code = :district)
  and (cast(:subdistrict as text) is null or a.subdistrict_code = :subdistrict)
order by a.code
