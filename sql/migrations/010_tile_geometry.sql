-- Area geometry simplified ahead of time for vector tiles, one copy per zoom band, so a tile never
-- simplifies at request time and a z5 tile of all provinces stays small.
--
-- A band covers a zoom range. Its tolerance is one tile pixel (1/4096 of a tile) at the band's
-- highest zoom, so what is dropped is never visible. Each band holds every level from province down
-- to `finest_level`, because the boundaries layer draws coarser outlines under finer ones.
-- The tile layer registry (tiles/registry.ts) picks the admin level per zoom; a test checks that it
-- never asks a band for a level the band does not hold.
create extension if not exists btree_gist;

create or replace function povmap.level_rank(level text) returns smallint
language sql immutable strict parallel safe as $$
  select case level when 'country' then 0 when 'province' then 1 when 'district' then 2
                    when 'subdistrict' then 3 when 'village' then 4 end::smallint
$$;

create table tile_geometry_band (
  band         smallint primary key,
  minzoom      smallint not null,
  maxzoom      smallint not null,
  finest_level text not null check (finest_level in ('province', 'district', 'subdistrict', 'village')),
  -- Metres in EPSG:3857: the web-mercator world width / (4096 units × 2^maxzoom).
  tolerance    double precision generated always as (40075016.685578488 / (4096 * 2 ^ maxzoom)) stored,
  check (minzoom <= maxzoom)
);
insert into tile_geometry_band (band, minzoom, maxzoom, finest_level) values
  (0, 0, 4, 'province'),
  (1, 5, 6, 'province'),
  (2, 7, 8, 'district'),
  (3, 9, 10, 'subdistrict'),
  (4, 11, 12, 'village'),
  (5, 13, 14, 'village');

create table tile_geometry (
  band  smallint not null references tile_geometry_band (band),
  code  text not null references admin_area (code) on delete cascade,
  level text not null,
  geom  geometry(MultiPolygon, 3857) not null,
  primary key (band, code)
);
-- Tile queries filter on band and level, then on the tile envelope: one GiST over all three.
create index tile_geometry_band_level_geom_idx on tile_geometry using gist (band, level, geom);

-- Rebuild from admin_area. Call after boundaries change (the generator and the boundary import do),
-- in the same transaction that bumps data_version 'areas'. Delete rather than truncate so that tile
-- readers keep seeing the previous geometry until the transaction commits. Returns the row count.
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

select povmap.refresh_tile_geometry();
