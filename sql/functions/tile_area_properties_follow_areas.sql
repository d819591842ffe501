-- Trigger function on admin_area (sql/migrations/018_tile_area_properties.sql): the `areas` tile's
-- stored properties carry each area's identity (code, level, names), so an area added, or renamed
-- or moved to another level, has its rows made again at once, in the same transaction, whoever
-- changed it (a boundary import, an edit by hand followed by a data-version bump). Removed areas
-- lose their rows by the foreign key's cascade. Statement-level, with the changed rows as
-- transition tables `new_areas` (and `old_areas` for updates).
create or replace function povmap.tile_area_properties_follow_areas() returns trigger
language plpgsql as $$
begin
  -- the tile figures' lock (sql/functions/refresh_tile_area_metrics.sql): one writer at a time
  perform pg_advisory_xact_lock(hashtext('povmap.tile_area_metrics'));
  if tg_op = 'INSERT' then
    perform povmap.refresh_tile_area_properties(array(select code from new_areas));
  else
    perform povmap.refresh_tile_area_properties(array(
      select n.code from new_areas n join old_areas o on o.code = n.code
      where (n.level, n.name_th, n.name_en) is distinct from (o.level, o.name_th, o.name_en)));
  end if;
  return null;
end
$$;
