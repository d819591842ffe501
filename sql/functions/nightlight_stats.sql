-- Night-light zonal statistics per area x year (table nightlight_area_stats), rebuilt after an import or
-- a boundary change (server/nightlight/zones.ts).

-- The grid of one year's composite, from its tiles.
create or replace function povmap.nightlight_year_grid(p_year smallint)
returns table (origin_x double precision, origin_y double precision, scale_x double precision, scale_y double precision,
               width integer, height integer)
language sql stable as $$
  select min(st_upperleftx(rast)), max(st_upperlefty(rast)), min(st_scalex(rast)), min(st_scaley(rast)),
         round((max(st_upperleftx(rast) + st_width(rast) * st_scalex(rast)) - min(st_upperleftx(rast))) / min(st_scalex(rast)))::integer,
         round((min(st_upperlefty(rast) + st_height(rast) * st_scaley(rast)) - max(st_upperlefty(rast))) / min(st_scaley(rast)))::integer
  from nightlight_raster where year = p_year
$$;

-- Zonal statistics of one year from the zone raster. The composite's tiles and the zone's tiles come
-- from the same grid and tile size, so tile (i, j) of one lies exactly on tile (i, j) of the other and
-- their pixel arrays zip element by element: one pass over the pixels, no geometry tests. Areas of the
-- finest level get their pixels; every coarser level is the sum of its children, so a province's sum
-- equals the sum of its districts' sums exactly. Edge effects: an area's figures carry up to half a
-- pixel (≈ 232 m) of boundary uncertainty; a pixel whose centre lies in no finest-level area (sea,
-- neighbouring countries, coastal slivers) counts nowhere; an area smaller than a pixel may get none.
create or replace function povmap.refresh_nightlight_stats(p_year smallint) returns integer
language plpgsql as $$
declare
  g nightlight_zone_grid;
  y record;
  n integer;
begin
  delete from nightlight_area_stats where year = p_year;
  if not exists (select 1 from nightlight_raster where year = p_year) then
    return 0;
  end if;
  select * into g from nightlight_zone_grid;
  select * into y from povmap.nightlight_year_grid(p_year);
  if g is null or g.width <> y.width or g.height <> y.height
     or abs(g.origin_x - y.origin_x) > abs(y.scale_x) / 1000 or abs(g.origin_y - y.origin_y) > abs(y.scale_x) / 1000
     or abs(g.scale_x - y.scale_x) > abs(y.scale_x) / 1e6 or abs(g.scale_y - y.scale_y) > abs(y.scale_x) / 1e6 then
    raise exception 'the night-light zones are not on the grid of %; rebuild them first (server/nightlight/zones.ts)', p_year
      using errcode = 'P0001';
  end if;

  create temporary table nightlight_cell on commit drop as
  with composite as (
    select round((st_upperleftx(rast) - g.origin_x) / g.scale_x)::integer as i,
           round((st_upperlefty(rast) - g.origin_y) / g.scale_y)::integer as j, rast
    from nightlight_raster where year = p_year
  ), zone as (
    select round((st_upperleftx(rast) - g.origin_x) / g.scale_x)::integer as i,
           round((st_upperlefty(rast) - g.origin_y) / g.scale_y)::integer as j, rast
    from nightlight_zone
  )
  select za.code, count(*)::integer as pixels, count(*) filter (where u.val > 0.5)::integer as lit_pixels,
         sum(u.val) as radiance_sum
  from composite c
  join zone z using (i, j)
  cross join lateral unnest(st_dumpvalues(z.rast, 1), st_dumpvalues(c.rast, 1)) as u(zone, val)
  join nightlight_zone_area za on za.zone = u.zone
  where u.val is not null
  group by za.code;

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

  update nightlight_area_stats s set label_value = (
    select st_value(r.rast, 1, a.label_point) from nightlight_raster r
    where r.year = s.year and st_intersects(st_convexhull(r.rast), a.label_point) limit 1)
  from admin_area a
  where a.code = s.code and s.year = p_year and s.pixels = 0;

  drop table nightlight_cell;
  select count(*) into n from nightlight_area_stats where year = p_year;
  return n;
end
$$;
