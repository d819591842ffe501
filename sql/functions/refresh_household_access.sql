-- The nearest school and clinic of one province's households, and its villages' demand points.
-- Probing the GiST index once per household (povmap.nearest_service for both kinds) costs about 2.2
-- times as much as this on the national profile (tests/bench/RESULTS.md), so the probe is made once
-- per village instead:
--   1. from the village's label point c, the `k` nearest services of each kind in planar order (KNN
--      on the partial GiST index), their k-th planar distance p_k, and r = the largest planar distance
--      from c to a household of the village;
--   2. per household, the nearest of those candidates by exact geodesic distance
--      (povmap.nearest_candidate, which measures on the spheroid only the candidates a scaled plane
--      cannot rule out);
--   3. a service outside the candidates is at least p_k - d planar degrees from a household d planar
--      degrees from c (the triangle inequality; d ≤ r), so at least min_metres_per_degree × (p_k - d)
--      metres: when that is not more than the distance found, the household is searched again on its
--      own with povmap.nearest_service (rare). Province 30 of the national profile, 385,787
--      households: with the village's r in place of each household's own d (and k = 8), 33,417 were
--      searched again and the whole measuring took 14.7–22.4 s; with d, 4,330 and 13.3–19.5 s (3 runs
--      each, alternating). k = 6 measures fewer candidates per household (5.5 schools and 3.9 clinics
--      against 6.8 and 4.2) for at most 15,464 searched again, 2–7 % less time than k = 8.
--   Only those households go through that second search: a lateral call per household, even one
--   that searches nothing, cost 1 s per 100,000 households (national profile, province 10).
-- The province's villages' demand points follow too, without their 2SFCA ratio: run
-- povmap.refresh_clinic_2sfca() after the provinces for the years they owe (server/access/refresh.ts does).
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
-- (ties go to the smaller id, in both searches), the services are one set for every year, and
-- whatever changes them measures every household again (p_remeasure, which never reuses): so a
-- row's distances hold for its point whatever its year.
-- Returns the households measured, the households given another year's distances (reused) and the
-- demand points written or deleted.
-- (the signature before p_part and p_parts: a call naming p_remeasure would match both; the one
-- before `reused` returned two columns, and a function's columns cannot change in place)
drop function if exists povmap.refresh_household_access(text, integer, smallint[], boolean);
drop function if exists povmap.refresh_household_access(text, integer, smallint[], boolean, integer, integer);
create or replace function povmap.refresh_household_access(p_province text, k integer default 6, p_years smallint[] default null,
                                                            p_remeasure boolean default true, p_part integer default 0,
                                                            p_parts integer default 1)
returns table (measured bigint, reused bigint, villages_changed bigint)
language plpgsql volatile as $$
declare
  written bigint;
  copied bigint := 0;
  measured_years smallint[];
  villages bigint := 0;
  recount_demand boolean;
  owed_years smallint[];
  left_rows text[];
  left_provinces text[];
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
    -- copies of the rows took 1.2 s of 12.2 s for province 30 of the national profile)
    create temporary table access_todo on commit drop as
    select survey_year, house_code, province_code, district_code, subdistrict_code, village_code, members, deprived <> 0 as target, geom
    from household h
    where h.province_code = p_province and (p_years is null or h.survey_year = any (p_years))
      and povmap.hash_part(h.house_code, p_parts) = p_part;
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
  analyze access_todo;
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

  create temporary table access_candidate on commit drop as
  with village as (
    -- r: the farthest household to measure from the label point (the bound below needs no other)
    select a.code, a.label_point as c, max(t.geom <-> a.label_point) as r
    from admin_area a
    join access_todo t on t.village_code = a.code
    where a.level = 'village'
    group by a.code
  ),
  near as (
    -- reach: no household of the village is farther than this from the nearest candidate (metres):
    -- a household is within r planar degrees of c, so within d_min + r of that candidate, and no
    -- geodesic is longer than the straight line between its ends on the plane, at most
    -- max_metres_per_degree a degree
    select v.code, v.c, v.r, st_y(v.c) as lat, cos(radians(st_y(v.c))) as lon_scale, n.service, n.id, n.geom, n.deg,
           min(n.deg) over (partition by v.code, n.service) as min_deg,
           povmap.max_metres_per_degree() * (min(n.deg) over (partition by v.code, n.service) + v.r) as reach
    from village v
    cross join lateral (
      (select 'school' as service, sp.id, sp.geom, sp.geom <-> v.c as deg from service_point sp
       where sp.kind = 'school' order by sp.geom <-> v.c limit k)
      union all
      (select 'clinic', sp.id, sp.geom, sp.geom <-> v.c from service_point sp
       where sp.kind in ('hospital', 'health_promoting_hospital') order by sp.geom <-> v.c limit k)
    ) n
  ),
  judged as (
    -- beyond: a candidate no household of the village can have as its nearest, left out of the
    -- exact measuring (about a third of them on the national profile, most of them clinics). A
    -- geodesic of at most `reach` metres stays within reach / 110,574 degrees of latitude of its
    -- household, itself within r of c, so along it a planar degree is at least
    -- min_metres_per_degree(lat, r + reach / 110574) metres; the candidate is at least deg - r
    -- planar degrees from any household. Beyond reach by that bound (with a margin for rounding),
    -- the candidate is farther than the nearest from every household. n and far_deg still count every
    -- candidate: the check for a service outside them (below) rests on all k.
    select near.*,
           coalesce(povmap.min_metres_per_degree(lat, r + reach / 110574.0) * (deg - r) > reach * (1 + 1e-9) + 1, false) as beyond
    from near
  )
  -- the candidates on the plane (k·λ, φ), k = cos of c's latitude, for povmap.nearest_candidate,
  -- with the spread that plane allows within a band of r + 2 (min_deg + r) degrees of latitude
  -- around c. It holds every path nearest_candidate's proof needs: a household is within r of c; the
  -- candidate nearest it on that plane (a) is no farther than the one nearest c, at most min_deg + r,
  -- so the straight path to it stays within r + min_deg + r; and a geodesic no longer than a's, at
  -- most U × (min_deg + r) metres with U below twice 110,574 m a degree (scaled_plane_spread returns
  -- infinity otherwise), moves at most 2 (min_deg + r) degrees of latitude (110,574 m a degree at least).
  select code as village_code, c, r, service, count(*) as n, max(deg) as far_deg,
         array_agg(id order by deg, id) filter (where not beyond) as ids,
         array_agg(geom order by deg, id) filter (where not beyond) as geoms,
         lon_scale,
         array_agg(st_scale(geom, lon_scale, 1) order by deg, id) filter (where not beyond) as plane_geoms,
         st_collect(st_scale(geom, lon_scale, 1)) filter (where not beyond) as plane_all,
         povmap.scaled_plane_spread(lat, r + 2 * (min_deg + r)) as spread
  from judged
  group by code, c, r, lat, lon_scale, min_deg, service;
  create index on access_candidate (village_code, service);
  analyze access_candidate;

  with measured as materialized (
    select h.survey_year, h.house_code, h.province_code, h.district_code, h.subdistrict_code, h.village_code,
           h.members, h.target, h.geom,
           s.service_id as school_id, s.metres as school_m, c.service_id as clinic_id, c.metres as clinic_m,
           cs.n = k and s.metres > povmap.min_metres_per_degree(st_y(h.geom), s.metres / 110574.0) * (cs.far_deg - (h.geom <-> cs.c)) as school_unsure,
           cc.n = k and c.metres > povmap.min_metres_per_degree(st_y(h.geom), c.metres / 110574.0) * (cc.far_deg - (h.geom <-> cc.c)) as clinic_unsure
    from access_todo h
    left join access_candidate cs on cs.village_code = h.village_code and cs.service = 'school'
    left join access_candidate cc on cc.village_code = h.village_code and cc.service = 'clinic'
    left join lateral povmap.nearest_candidate(h.geom, cs.ids, cs.geoms, cs.lon_scale, cs.plane_geoms, cs.plane_all, cs.spread) s on true
    left join lateral povmap.nearest_candidate(h.geom, cc.ids, cc.geoms, cc.lon_scale, cc.plane_geoms, cc.plane_all, cc.spread) c on true
  )
  insert into household_access (survey_year, house_code, province_code, district_code, subdistrict_code,
                                village_code, members, target, geom, school_id, school_m, clinic_id, clinic_m)
  select survey_year, house_code, province_code, district_code, subdistrict_code, village_code, members, target, geom,
         school_id, school_m, clinic_id, clinic_m
  from measured
  where not (school_unsure or clinic_unsure) or (school_unsure or clinic_unsure) is null
  union all
  -- not provably the nearest: search again from the household itself (a null point searches nothing)
  select x.survey_year, x.house_code, x.province_code, x.district_code, x.subdistrict_code, x.village_code,
         x.members, x.target, x.geom,
         coalesce(fs.service_id, x.school_id), coalesce(fs.metres, x.school_m),
         coalesce(fc.service_id, x.clinic_id), coalesce(fc.metres, x.clinic_m)
  from measured x
  left join lateral povmap.nearest_service(case when x.school_unsure then x.geom end, 'school') fs on true
  left join lateral povmap.nearest_service(case when x.clinic_unsure then x.geom end, 'clinic') fc on true
  where x.school_unsure or x.clinic_unsure;
  get diagnostics written = row_count;
  drop table access_candidate;
  drop table access_todo;

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
  return query select written, copied, villages;
end
$$;

-- The demand points owed a count by the parts of a measuring (access_demand_owed, written by
-- povmap.refresh_household_access with p_parts > 1), counted now per province for its owed years,
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
