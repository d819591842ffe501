-- The spatial neighbours of the areas a hotspot analysis uses, as 0-based indexes into that list
-- (the areas of sql/hotspots/area_values.sql with a value: at least min_households households and
-- a value the disclosure policy publishes, in code order), one row per area that has any: the server builds its compressed weights from small
-- integer arrays instead of hashing hundreds of thousands of (code, code) pairs on the event loop.
-- Bindings (knex named): level, year, min_households, withheld_cells, scheme (queen | knn), k (knn: the ranks kept),
-- province, district, subdistrict (the parent's code in its column, null elsewhere).
with chosen as (
  select a.code, cast(row_number() over (order by a.code) - 1 as int) as i
  from area_stats s
  join admin_area a on a.code = s.code
  left join area_public p on p.code = s.code and p.survey_year = s.survey_year
  where s.level = :level and s.survey_year = :year and s.households >= :min_households
    and not coalesce(p.suppressed or jsonb_exists_any(p.cells, string_to_array(:withheld_cells, ',')), true)
    and (cast(:province as text) is null or a.province_code = :province)
    and (cast(:district as text) is null or a.district_code = :district)
    and (cast(:subdistrict as text) is null or a.subdistrict_code = :subdistrict)
)
select f.i, array_agg(distinct t.i order by t.i) as js
from spatial_neighbour n
join chosen f on f.code = n.code
join chosen t on t.code = n.neighbour_code
where n.scheme = :scheme and n.level = :level and f.i <> t.i
  and (:scheme <> 'knn' or n.rank <= :k)
group by f.i
