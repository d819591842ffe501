-- tile_geometry (admin polygons simplified per zoom band, see the table) rebuilt from admin_area.
-- Call after boundaries change (the generator and the boundary import do), in the same transaction
-- that bumps data_version 'areas'. Delete rather than truncate so that tile readers keep seeing the
-- previous geometry until the transaction commits. Returns the row count.
create or replace function povmap.refresh_tile_geometry() returns bigint
language plpgsql volatile as $$
declare
  n bigint;
begin
  delete from tile_geometry;
  insert into tile_geometry (band, code, level, geom)
  select b.band, a.code, a.level,
         st_multi(st_simplifypreservetopology(a.geom_3857, b.tolerance))
  from tile_geometry_band b
  join admin_area a on povmap.level_rank(a.level) <= povmap.level_rank(b.finest_level);
  get diagnostics n = row_count;
  analyze tile_geometry;
  return n;
end
$$;
