-- The nearest school and clinic of one province's households, and its villages' demand points, in
-- three steps on one connection in one transaction (server/access/measure.ts):
--   1. povmap.begin_household_access: what is to be measured, in access_todo (a temporary view of
--      every household of the scope, or after an import a temporary table of only those whose
--      distances are missing or stale), after removing the rows that must go and giving a house
--      the distances it had at the same point in another year (Reuse, below);
--   2. the caller reads access_todo (COPY), finds each household's nearest school and clinic on the
--      ellipsoid (server/access/nearest.ts) and writes the rows into household_access (COPY);
--   3. povmap.end_household_access: the demand points of the province (or the debt of them, for a
--      part), then access_todo goes.
-- (PostgreSQL measured here before, from candidates probed per village on the GiST index: 9.0–10.6 s
-- for province 30 of the national profile, where the three steps take 5.6–5.9 s; tests/bench/RESULTS.md,
-- access.)
-- p_part of p_parts: only the households whose house code falls in that part (povmap.hash_part), so
-- one province's measuring can run on several connections at once (an import of one province
-- otherwise measures on one core). The parts' rows are disjoint, keyed by house code; the demand
-- points rest on every household of the province, so a part does not count them: it records the
-- provinces and years that owe a count in access_demand_owed, in its transaction, and
-- povmap.refresh_owed_access_demand() counts them after the parts. Parts are for an import's years
-- (p_years given).
-- p_years: only these survey years (an import re-measures only the years it touched; the other
-- years' figures stand, services did not move); null means every year.
-- p_remeasure: measure every household of the scope again (the services changed, or nothing was
-- measured yet). Without it only what an import can change is done (services do not move then): a
-- household is measured when it has no row yet or its location (geom) differs from the one its row
-- was measured at; the rows of households gone or moved to another province go; the columns copied
-- from household (members, target, area codes) follow the household. So an import that changes
-- indicators but no location measures nothing (on the national profile, 100,000 changed households
-- of two provinces re-measured all of their 1.4 M households: 194 s).
-- Reuse: without p_remeasure, a household whose house was measured in another survey year at the
-- same point (a re-survey: most houses do not move) gets that row's school, clinic and metres
-- instead of being measured. The nearest service is a function of the point and the services alone
-- (ties go to the smaller id), the services are one set for every year, and whatever changes them
-- measures every household again (p_remeasure, which never reuses): so a row's distances hold for
-- its point whatever its year.
-- begin_household_access returns the households given another year's distances (reused) and what
-- end_household_access needs back: whether the demand points are counted again, the years owing a
-- count, and the provinces (and province-year pairs) whose rows a household left.
-- (the single function of before, which also measured in SQL, and its helpers)
drop function if exists povmap.refresh_household_access(text, integer, smallint[], boolean);
drop function if exists povmap.refresh_household_access(text, integer, smallint[], boolean, integer, integer);
drop function if exists povmap.nearest_candidate(geometry, integer[], geometry[], double precision, geometry[], geometry, double precision);
drop function if exists povmap.scaled_plane_spread(double precision, double precision);
drop function if exists povmap.meridian_radius(double precision);
drop function if exists povmap.parallel_radius(double precision);
create or replace function povmap.begin_household_access(p_province text, p_years smallint[] default null,
                                                          p_remeasure boolean default true, p_part integer default 0,
                                                          p_parts integer default 1)
returns table (reused bigint, recount_demand boolean, owed_years smallint[], left_provinces text[], left_rows text[])
language plpgsql volatile as $$
declare
  copied bigint := 0;
  measured_years smallint[];
begin
  if p_parts < 1 or p_part < 0 or p_part >= p_parts or (p_parts > 1 and p_years is null) then
    raise exception 'part % of % (of survey years %) is no part of a measuring', p_part, p_parts, p_years;
  end if;
  -- the villages' demand points rest on which households there are, where, and how many people: an
  -- import's refresh (its years named) that changed none of that leaves them as they are (counting
  -- them reads every household of the province: 2.2 s for province 10 on the national profile);
  -- any other refresh counts them (owed_years: the years with such a change)
  if p_remeasure then
    delete from household_access where province_code = p_province and (p_years is null or survey_year = any (p_years))
                                   and povmap.hash_part(house_code, p_parts) = p_part;
    -- every household of the scope is measured: nothing to compare (the comparison below and its
    -- copies of the rows took 1.2 s of 12.2 s for province 30 of the national profile), and nothing
    -- to copy: access_todo is a view of the households (a table of them, made and analysed, took
    -- 1.3 s of the 5.7 s that measuring province 30 took)
    execute format($view$
      create temporary view access_todo as
      select survey_year, house_code, province_code, district_code, subdistrict_code, village_code, members, deprived <> 0 as target, geom
      from household h
      where h.province_code = %L and (%L::smallint[] is null or h.survey_year = any (%L::smallint[]))
        and povmap.hash_part(h.house_code, %s) = %s$view$, p_province, p_years, p_years, p_parts, p_part);
    select array_agg(distinct survey_year) into owed_years from access_todo;
  else
    -- One pass compares the province's households with its rows (a full join on the key, each side
    -- read by its province index; joined by key alone, the planner scanned all 12.8 M rows of
    -- household_access): only the differences are kept. Four statements each joining the two sides
    -- took 11.2 s of 13.2 s for province 10 on the national profile.
    --   gone: a row whose household is gone, or is now in another province;
    --   measure: a household without a row, or whose row was measured at another location;
    --   otherwise a row whose household says something else besides its location.
    create temporary table access_change on commit drop as
    select coalesce(h.survey_year, a.survey_year) as survey_year, coalesce(h.house_code, a.house_code) as house_code,
           h.house_code is null as gone, a.house_code is null or a.geom is distinct from h.geom as measure,
           a.house_code is not null as has_row,
           a.village_code is distinct from h.village_code or a.members is distinct from h.members as people_moved,
           h.province_code, h.district_code, h.subdistrict_code, h.village_code, h.members, h.deprived <> 0 as target, h.geom
    from (select * from household h where h.province_code = p_province and (p_years is null or h.survey_year = any (p_years))
                                      and povmap.hash_part(h.house_code, p_parts) = p_part) h
    full join (select * from household_access a where a.province_code = p_province and (p_years is null or a.survey_year = any (p_years))
                                                  and povmap.hash_part(a.house_code, p_parts) = p_part) a
      on a.survey_year = h.survey_year and a.house_code = h.house_code
    where h.house_code is null or a.house_code is null or a.geom is distinct from h.geom
       or (a.district_code, a.subdistrict_code, a.village_code, a.members, a.target)
          is distinct from (h.district_code, h.subdistrict_code, h.village_code, h.members, h.deprived <> 0);
    -- its size, so the statements below probe household_access by key instead of hashing all of it
    analyze access_change;
    select array_agg(distinct survey_year) into owed_years from access_change where gone or measure or people_moved;
    -- rows gone, and rows measured at another location (measured again below)
    delete from household_access a using access_change c
    where c.has_row and (c.gone or c.measure) and a.survey_year = c.survey_year and a.house_code = c.house_code;
    -- the kept rows follow what their household says besides its location
    update household_access a
    set district_code = c.district_code, subdistrict_code = c.subdistrict_code, village_code = c.village_code,
        members = c.members, target = c.target
    from access_change c
    where c.has_row and not c.gone and not c.measure and a.survey_year = c.survey_year and a.house_code = c.house_code;

    -- the households to measure: every one without a row of this province now
    create temporary table access_todo on commit drop as
    select survey_year, house_code, province_code, district_code, subdistrict_code, village_code, members, target, geom
    from access_change where measure and not gone;
    drop table access_change;
  end if;
  recount_demand := p_years is null or owed_years is not null;
  if not p_remeasure then
    analyze access_todo;
  end if;
  -- a row such a household still has belongs to the province it was in (moved here with its code,
  -- which an import cannot do, since a house code starts with its village's code; a direct edit can)
  -- (that province's demand points are counted again below). This province's rows of these
  -- households went above, so such a row is another province's, q's. Either the house code does
  -- not start with q's code: the row is in household_access_moved_idx (rows whose code names another
  -- province than theirs: usually none). Or it does, and then the code does not start with this
  -- province's: those households (as few) are looked up by key, one probe each. Joined with every
  -- row of household_access instead, the delete scanned the whole table once per province (3.7 s
  -- for province 30 of the national profile; most of a measuring's time was such scans).
  with gone as (
    delete from household_access a
    where a.ctid = any (array(
      select m.ctid from household_access m
      where left(m.house_code, 2) <> m.province_code
        and exists (select 1 from access_todo t where t.survey_year = m.survey_year and t.house_code = m.house_code)
        -- checked once, first (a one-time filter): with no such row at all (the usual case) the
        -- branch reads nothing. Without it the planner hashed every household to measure and probed
        -- the empty index once per household: 0.6 s of 14.3 s for province 30 of the national profile.
        -- (A first row in the index's own order, not exists (...): the planner cannot estimate the
        -- condition and, for exists, scanned all 12.8 M rows in 2.2 s rather than the empty index.)
        and (select x.house_code from household_access x where left(x.house_code, 2) <> x.province_code
             order by x.survey_year, x.house_code limit 1) is not null
      union
      select k.ctid from access_todo t
      cross join lateral (select o.ctid from household_access o where o.survey_year = t.survey_year and o.house_code = t.house_code) k
      where left(t.house_code, 2) <> p_province
    ))
    returning a.province_code, a.survey_year
  )
  select coalesce(array_agg(distinct province_code), '{}'), coalesce(array_agg(distinct province_code || ' ' || survey_year), '{}')
    into left_provinces, left_rows from gone;

  -- the households whose house was measured in another year at the same point take that row's
  -- distances (see Reuse above); after the delete above, which goes by key and would take these
  -- rows too. The years with rows come from a loose scan of the key (a few probes); each household
  -- is then a probe of the key per such year, in order, until one matches (limit 1).
  if not p_remeasure then
    with recursive y(year) as (
      select min(survey_year) from household_access
      union all
      select (select min(a.survey_year) from household_access a where a.survey_year > y.year) from y where y.year is not null
    )
    select array_agg(year) into measured_years from y where year is not null;
    if measured_years is not null then
      with known as (
        insert into household_access (survey_year, house_code, province_code, district_code, subdistrict_code,
                                      village_code, members, target, geom, school_id, school_m, clinic_id, clinic_m)
        select t.survey_year, t.house_code, t.province_code, t.district_code, t.subdistrict_code, t.village_code,
               t.members, t.target, t.geom, o.school_id, o.school_m, o.clinic_id, o.clinic_m
        from access_todo t
        cross join lateral (select o.school_id, o.school_m, o.clinic_id, o.clinic_m from household_access o
                            where o.survey_year = any (measured_years) and o.survey_year <> t.survey_year
                              and o.house_code = t.house_code and o.geom = t.geom
                            limit 1) o
        returning survey_year, house_code
      )
      delete from access_todo t using known
      where t.survey_year = known.survey_year and t.house_code = known.house_code;
      get diagnostics copied = row_count;
      if copied > 0 then
        analyze access_todo;
      end if;
    end if;
  end if;
  return query select copied, recount_demand, owed_years, left_provinces, left_rows;
end
$$;

-- The last step of a measuring (see povmap.begin_household_access, whose results it takes back),
-- after the caller wrote the rows of access_todo into household_access. Returns the demand points
-- written or deleted.
create or replace function povmap.end_household_access(p_province text, p_years smallint[], p_parts integer,
                                                        recount_demand boolean, owed_years smallint[],
                                                        left_provinces text[], left_rows text[])
returns bigint
language plpgsql volatile as $$
declare
  villages bigint := 0;
begin
  -- a table after an import's comparison, a view of the households when every one is measured again
  if (select c.relkind from pg_class c where c.oid = to_regclass('pg_temp.access_todo')) = 'v' then
    drop view access_todo;
  else
    drop table access_todo;
  end if;
  -- the demand points of the province, and of any province a household left with its code
  if p_parts = 1 then
    if recount_demand then
      villages := povmap.refresh_access_demand(p_province, p_years);
    end if;
    villages := villages + coalesce((select sum(povmap.refresh_access_demand(p, p_years)) from unnest(left_provinces) p), 0);
  else
    insert into access_demand_owed (province_code, survey_year)
    select p_province, y from unnest(owed_years) y
    union
    select split_part(r, ' ', 1), split_part(r, ' ', 2)::smallint from unnest(left_rows) r
    on conflict do nothing;
  end if;
  return villages;
end
$$;

-- The demand points owed a count by the parts of a measuring (access_demand_owed, written by
-- povmap.end_household_access with p_parts > 1), counted now per province for its owed years,
-- and the debts settled, in the caller's transaction. Returns the demand points written or deleted.
create or replace function povmap.refresh_owed_access_demand() returns bigint
language plpgsql volatile as $$
declare
  owed record;
  villages bigint := 0;
begin
  for owed in
    with settled as (delete from access_demand_owed returning province_code, survey_year)
    select province_code, array_agg(survey_year order by survey_year) as years from settled group by province_code order by province_code
  loop
    villages := villages + povmap.refresh_access_demand(owed.province_code, owed.years);
  end loop;
  return villages;
end
$$;
