-- Night lights per area: overviews for the PNG tiles and zonal statistics for the API and the tiles.

-- raster2pgsql's overviews (-l 2,4,8,16) of each imported year: the same raster at 1/factor
-- resolution, so a low-zoom PNG tile reads a few small tiles instead of the full-resolution mosaic.
create table nightlight_overview (
  rid    serial primary key,
  factor smallint not null,
  year   smallint not null,
  rast   raster not null
);
create index nightlight_overview_year_idx on nightlight_overview (year, factor);
create index nightlight_overview_rast_idx on nightlight_overview using gist (st_convexhull(rast));

-- Zonal statistics per area x year, rebuilt by povmap.refresh_nightlight_stats(year) after an import
-- or a boundary change. Sums are of pixel radiances (nW/cm²/sr per 15″ pixel, not area-weighted).
create table nightlight_area_stats (
  code          text not null references admin_area (code) on delete cascade,
  year          smallint not null,
  pixels        integer not null,            -- pixels with data whose centre lies in the area
  lit_pixels    integer not null,            -- of which radiance > 0.5 nW/cm²/sr
  radiance_sum  double precision not null,
  radiance_mean double precision generated always as (case when pixels > 0 then radiance_sum / pixels end) stored,
  lit_share     double precision generated always as (case when pixels > 0 then lit_pixels::double precision / pixels end) stored,
  primary key (code, year)
);
create index nightlight_area_stats_year_idx on nightlight_area_stats (year);

-- Edge handling: a pixel belongs to the area that contains its centre (no partial pixels). Pixels are
-- assigned once, to the finest level loaded (villages in the demo geometry), and every coarser level
-- is the sum of its children, so a province's sum equals the sum of its districts' sums exactly. The
-- price, relative to clipping each area on its own (ST_Clip), is that an area's figures carry up to
-- half a pixel (≈ 232 m) of boundary uncertainty, and a pixel whose centre falls in no finest-level
-- area (a gap or sliver along the coast) is counted nowhere; areas smaller than a pixel may get none.
-- One pass over the pixels with the GiST index on admin_area costs far less than one ST_Clip per
-- area and tile (≈ 90,000 clips of 256×256 tiles at village level).
create or replace function povmap.refresh_nightlight_stats(p_year smallint) returns integer
language plpgsql as $$
declare
  finest text;
  n integer;
begin
  delete from nightlight_area_stats where year = p_year;
  select l into finest from unnest(array['village', 'subdistrict', 'district', 'province']) l
  where exists (select 1 from admin_area a where a.level = l) limit 1;
  if finest is null or not exists (select 1 from nightlight_raster where year = p_year) then
    return 0;
  end if;

  create temporary table nightlight_cell on commit drop as
  select a.code, count(*)::integer as pixels, count(*) filter (where p.val > 0.5)::integer as lit_pixels,
         sum(p.val) as radiance_sum
  from nightlight_raster r
  cross join lateral st_pixelascentroids(r.rast, 1, true) p
  join admin_area a on a.level = finest and st_intersects(a.geom, p.geom)
  where r.year = p_year
  group by a.code;

  insert into nightlight_area_stats (code, year, pixels, lit_pixels, radiance_sum)
  select x.code, p_year, sum(c.pixels), sum(c.lit_pixels), sum(c.radiance_sum)
  from nightlight_cell c
  join admin_area a on a.code = c.code
  cross join lateral (
    select distinct v as code from unnest(array[a.code, a.subdistrict_code, a.district_code, a.province_code]) v
    where v is not null) x
  group by x.code;

  -- areas whose pixels all fell elsewhere still get a row (0 pixels, no mean), so "no light data"
  -- and "not computed" differ
  insert into nightlight_area_stats (code, year, pixels, lit_pixels, radiance_sum)
  select a.code, p_year, 0, 0, 0 from admin_area a
  where not exists (select 1 from nightlight_area_stats s where s.code = a.code and s.year = p_year);

  drop table nightlight_cell;
  select count(*) into n from nightlight_area_stats where year = p_year;
  return n;
end
$$;
