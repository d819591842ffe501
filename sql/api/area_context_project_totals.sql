-- Budgeted projects inside an area ('TH' = all): projects placed on the area itself or on any area
-- within it (a province's projects are not inside its districts). Counts and budget totals by the
-- dimension addressed (an indicator counts under its dimension), by stage and by status, one row per
-- (grouping, key). Parameter: code.
with p as (
  select p.*, coalesce(d.id, i.dimension) as dimension
  from project p
  join admin_area a on a.code = p.area_code
  left join povmap.dimension d on d.id = p.addresses
  left join povmap.indicator i on i.id = p.addresses
  where :code = 'TH' or a.code = :code or a.province_code = :code or a.district_code = :code or a.subdistrict_code = :code
)
select 'all' as grouping, 'all' as key, count(*)::integer as projects, coalesce(sum(budget_baht), 0)::float8 as budget_baht from p
union all select 'dimension', dimension, count(*)::integer, sum(budget_baht)::float8 from p group by dimension
union all select 'stage', stage, count(*)::integer, sum(budget_baht)::float8 from p group by stage
union all select 'status', status, count(*)::integer, sum(budget_baht)::float8 from p group by status
