-- Spatial weights per admin level for the hotspot statistics, stored as neighbour pairs.
-- Schemes: 'queen' (areas of the same level sharing a boundary or a vertex; both directions) and
-- 'knn' (the 16 nearest areas of the same level by label point, ranked 1..16, so any k up to 16 is a
-- prefix), in the table spatial_neighbour. Rebuilt by this function whenever the geometry changes.
create or replace function povmap.refresh_spatial_weights() returns void
language sql volatile as $$
  delete from spatial_neighbour;
  insert into spatial_neighbour (scheme, level, code, neighbour_code)
  select 'queen', a.level, a.code, n.code
  from admin_area a
  -- lateral, so each area probes the GiST index instead of pairing every area of the level
  cross join lateral (select b.code from admin_area b
                      where b.geom && a.geom and b.level = a.level and b.code <> a.code
                        and st_intersects(a.geom, b.geom)) n;
  insert into spatial_neighbour (scheme, level, code, neighbour_code, rank)
  select 'knn', a.level, a.code, n.code, n.rank
  from admin_area a
  -- ordered by distance alone, so the GiST index answers the nearest-neighbour search
  cross join lateral (select b.code, row_number() over (order by b.distance, b.code) as rank
                      from (select b.code, b.label_point <-> a.label_point as distance from admin_area b
                            where b.level = a.level and b.code <> a.code
                            order by b.label_point <-> a.label_point limit 16) b) n;
$$;
