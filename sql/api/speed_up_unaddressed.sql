-- Targets with no matching measure (GET /api/areas/{code}/speed-up, server/menu/speed-up-checks.ts):
-- the BMN indicators some of the area's households fail (area_stats.deprived_households, the
-- disclosure cells deprived_<id>) that no item of the solution menu addresses anywhere in the area:
-- no item whose dimension and indicators cover the indicator (povmap.menu_mask) and whose coverage
-- is the whole country, an area the area lies in, or an area inside it. With the policy's decision
-- on the area (area_public), so that only published counts are listed.
-- Parameters: code (an area code or TH), year.
select i.id, i.name_th, i.name_en, s.deprived_households[i.number] as households,
       coalesce(p.suppressed, true) as suppressed, coalesce(p.cells, '{}') as cells
from povmap.indicator i
join area_stats s on s.code = :code and s.survey_year = :year
left join area_public p on p.code = :code and p.survey_year = :year
where s.deprived_households[i.number] > 0
  and not exists (
    select 1 from menu_item m
    where povmap.menu_mask(m.dimension, m.indicators) & (1 << (i.number - 1)) <> 0
      and (cardinality(m.area_codes) = 0 or :code = 'TH'
           or exists (select 1 from unnest(m.area_codes) c where starts_with(:code, c) or starts_with(c, :code))))
order by i.number
