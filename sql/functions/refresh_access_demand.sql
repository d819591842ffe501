-- The demand points of one province's villages for the 2SFCA ratios (access_village: households,
-- people, and their people-weighted mean location, or the village's label point where none is
-- located), counted from the province's households of the survey years `p_years` (null: every
-- year), written only where they changed, each year whose points changed marked as owing its ratios
-- (access_2sfca_owed). Called by povmap.end_household_access after a province is measured.
-- Returns the demand points written or deleted.
create or replace function povmap.refresh_access_demand(p_province text, p_years smallint[] default null)
returns bigint
language plpgsql volatile as $$
declare
  villages bigint;
begin
  -- the province's demand points, written only where they changed: the 2SFCA ratios need computing
  -- again only then (server/access/refresh.ts). The mean location sums whole numbers, each
  -- coordinate in ten-billionths of a degree (about 0.01 mm), whose sums do not depend on the order
  -- of the rows (a double's do, in the last bits), so the same households give the same point.
  -- Summed in numeric from each double before (exact too, but a double's conversion to numeric
  -- costs a decimal print and parse): province 10 of the national profile, one process, 1.77 s
  -- then, 0.37 s so; the points moved by at most 6e-12 degrees.
  -- The households are counted per village first and the label point is looked up only for a
  -- village none of whose households is located (coalesce stops at the first non-null): joined to
  -- admin_area before counting, every one of its 85,022 rows was read and hashed for each
  -- province (1.04 s against 0.82 s for province 30 of the national profile, one connection).
  create temporary table access_demand on commit drop as
  select d.survey_year, d.village_code, d.households, d.people,
         coalesce(d.geom, (select a.label_point from admin_area a where a.code = d.village_code)) as geom
  from (
    select h.survey_year, h.village_code, count(*)::integer as households, sum(h.members)::integer as people,
           st_setsrid(st_makepoint((sum((st_x(h.geom) * 1e10::float8)::bigint * h.members) / sum(h.members) filter (where h.geom is not null) / 1e10)::double precision,
                                   (sum((st_y(h.geom) * 1e10::float8)::bigint * h.members) / sum(h.members) filter (where h.geom is not null) / 1e10)::double precision), 4326) as geom
    from household h
    where h.province_code = p_province and (p_years is null or h.survey_year = any (p_years))
    group by h.survey_year, h.village_code
  ) d;
  -- the years whose demand points changed owe their 2SFCA ratios (access_2sfca_owed) until
  -- povmap.refresh_clinic_2sfca computes them: recorded in this transaction, so a refresh stopped
  -- before the ratios leaves them owed to the next one
  with gone as (
    delete from access_village v using admin_area a
    where a.code = v.village_code and a.province_code = p_province and (p_years is null or v.survey_year = any (p_years))
      and not exists (select 1 from access_demand d where d.survey_year = v.survey_year and d.village_code = v.village_code)
    returning v.survey_year
  ), written as (
    insert into access_village as v (survey_year, village_code, households, people, geom)
    select d.survey_year, d.village_code, d.households, d.people, d.geom from access_demand d
    on conflict (survey_year, village_code) do update
      set households = excluded.households, people = excluded.people, geom = excluded.geom
      where (v.households, v.people, v.geom) is distinct from (excluded.households, excluded.people, excluded.geom)
    returning v.survey_year
  ), changed as (
    select survey_year from gone union all select survey_year from written
  ), owed as (
    insert into access_2sfca_owed (survey_year) select distinct survey_year from changed
    on conflict do nothing
  )
  select count(*) into villages from changed;
  drop table access_demand;
  return villages;
end
$$;
