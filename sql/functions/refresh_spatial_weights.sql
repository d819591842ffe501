-- The signature took the tolerance (issue 15): the argument-less one goes, so calls stay unambiguous.
drop function if exists povmap.refresh_spatial_weights();

-- Spatial weights per admin level for the hotspot statistics, stored as neighbour pairs.
-- Schemes: 'queen' (areas of the same level sharing a boundary or a vertex, or closer than the
-- snapping tolerance; both directions) and
-- 'knn' (the 16 nearest areas of the same level by label point, ranked 1..16, so any k up to 16 is a
-- prefix), in the table spatial_neighbour. Rebuilt by this function whenever the geometry changes.
-- Snapping tolerance, 1 m by default: boundaries digitised separately leave hairline gaps and
-- slivers (on the demo data 166 district pairs lie about 1e-14° apart), which strict st_intersects
-- reads as "not touching". Two areas closer than the tolerance are queen neighbours. It is applied in
-- degrees as metres / 111,320 (the length of a degree at the equator, the longest a degree gets),
-- so the gap accepted is at most that many metres in any direction anywhere (about 0.94 × it along
-- a parallel at Thailand's latitudes): hairlines count, real gaps such as a 10 m river channel do not.
create or replace function povmap.refresh_spatial_weights(snap_metres double precision default 1.0) returns void
language sql volatile as $$
  delete from spatial_neighbour;
  insert into spatial_neighbour (scheme, level, code, neighbour_code, rank)
  select * from povmap.spatial_neighbour_pairs(snap_metres);
$$;

-- The neighbour pairs of the areas in part `p_part` of `p_parts` (povmap.hash_part of the area's code;
-- 0 of 1: every area), both schemes, as refresh_spatial_weights stores them. An area's pairs depend on
-- the geometry alone, so parts computed on several connections at once add up to the whole.
create or replace function povmap.spatial_neighbour_pairs(snap_metres double precision default 1.0, p_part integer default 0,
                                                          p_parts integer default 1)
returns table (scheme text, level text, code text, neighbour_code text, rank smallint)
language sql stable as $$
  select 'queen', a.level, a.code, n.code, null::smallint
  from admin_area a
  -- lateral, so each area probes the GiST index instead of pairing every area of the level. The
  -- box test is spelt out: st_dwithin only adds it by itself when the tolerance is a constant, and
  -- in this function it is a parameter (without it every pair of villages is compared).
  cross join lateral (select b.code from admin_area b
                      where b.geom && st_expand(a.geom, snap_metres / 111320.0)
                        and b.level = a.level and b.code <> a.code
                        and st_dwithin(a.geom, b.geom, snap_metres / 111320.0)) n
  where povmap.hash_part(a.code, p_parts) = p_part
  union all
  select 'knn', a.level, a.code, n.code, n.rank::smallint
  from admin_area a
  -- ordered by distance alone, so the GiST index answers the nearest-neighbour search
  cross join lateral (select b.code, row_number() over (order by b.distance, b.code) as rank
                      from (select b.code, b.label_point <-> a.label_point as distance from admin_area b
                            where b.level = a.level and b.code <> a.code
                            order by b.label_point <-> a.label_point limit 16) b) n
  where povmap.hash_part(a.code, p_parts) = p_part
$$;

-- Part `p_part` of `p_parts` of the neighbour pairs, written to the staging table
-- spatial_neighbour_part (migration 035) by one of several connections at once; then
-- povmap.replace_spatial_weights_from_parts() puts all parts in place in one transaction
-- (server/db/refresh.ts refreshSpatialWeights). On the demo profile: 6.2 s for both parts at once
-- against 11.6 s for the pairs on one connection; storing the 1,863,918 pairs takes most of the rest
-- (22 s with the foreign keys migration 036 dropped, about 5 s without).
create or replace function povmap.stage_spatial_weights_part(p_part integer, p_parts integer, snap_metres double precision default 1.0)
returns void
language sql volatile as $$
  insert into spatial_neighbour_part (scheme, level, code, neighbour_code, rank)
  select * from povmap.spatial_neighbour_pairs(snap_metres, p_part, p_parts);
$$;

-- The staged parts in place of the neighbour pairs, in the caller's transaction (readers see the
-- old pairs or the new), and the staging table emptied.
create or replace function povmap.replace_spatial_weights_from_parts() returns void
language sql volatile as $$
  delete from spatial_neighbour;
  insert into spatial_neighbour (scheme, level, code, neighbour_code, rank)
  select scheme, level, code, neighbour_code, rank from spatial_neighbour_part;
  delete from spatial_neighbour_part;
$$;
