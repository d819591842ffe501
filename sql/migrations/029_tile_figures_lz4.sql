-- The stored tile figures and the `areas` tile's stored properties compressed with LZ4 instead of
-- PostgreSQL's own pglz (issue 18 item 3). Every refresh after an import rewrites most of their
-- objects (the relative figures move in every area), and a cold areas tile decompresses one per
-- feature: on the national profile, writing the 59,291 objects an import's hotspots changed took
-- 8.0 s with pglz and 6.4 s with LZ4. Values already stored stay as they are until rewritten.
-- A server built without LZ4 keeps pglz (the alteration is refused there, and skipped).
do $$
begin
  alter table tile_area_metrics alter column metrics set compression lz4;
  alter table tile_area_properties alter column properties set compression lz4;
exception when feature_not_supported then
  raise notice 'this server has no LZ4: the tile figures stay compressed with pglz';
end
$$;
