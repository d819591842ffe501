-- After a seeding pass: delete a layer's tiles kept under stamps older than the current one.
-- "Older" is checked version by version (each only grows), so a worker that has not yet heard of a
-- change never deletes the tiles another worker stored under the newer versions. A stamp of another
-- length (the layer's data names changed) can never be current again and goes too.
-- $1 layer id, $2 current stamp. Rows: the deleted count.
with gone as (
  delete from tile_store s
  where s.layer = $1::text and s.stamp <> $2::text
    and not exists (select 1
                    from unnest(string_to_array(s.stamp, '.')::bigint[], string_to_array($2::text, '.')::bigint[]) v(kept, latest)
                    where v.kept > v.latest)
  returning 1
)
select count(*)::integer as deleted from gone
