-- Measures over capacity (GET /api/areas/{code}/speed-up, server/menu/speed-up-checks.ts): each
-- menu item that covers the area (the whole country, or an area the area lies in) with the area's
-- published households it addresses at the least, from the disclosure cells: the households failing
-- its dimension (dim_failed_<dimension>) when it addresses the whole dimension, else the largest
-- count failing one of its indicators (deprived_<id>). The caller compares them with the item's
-- capacity per year. No count of matched households is read: those are not public.
-- Parameters: code (an area code or TH), year.
select m.code, m.title_th, m.title_en, m.agency, m.capacity_per_year, m.dimension,
       coalesce(p.suppressed, true) as suppressed, coalesce(p.cells, '{}') as cells,
       case when cardinality(m.indicators) = 0
            then jsonb_build_object('dim_failed_' || d.id, s.dim_failed_households[d.number])
            else (select jsonb_object_agg('deprived_' || i.id, s.deprived_households[i.number])
                  from povmap.indicator i where i.id = any (m.indicators)) end as addressed
from menu_item m
join povmap.dimension d on d.id = m.dimension
join area_stats s on s.code = :code and s.survey_year = :year
left join area_public p on p.code = :code and p.survey_year = :year
where cardinality(m.area_codes) = 0
   or exists (select 1 from unnest(m.area_codes) c where c = 'TH' or starts_with(:code, c))
order by m.code
