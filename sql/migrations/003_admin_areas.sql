-- Administrative areas at four levels with their official geocodes (TIS 1099 / DOPA):
-- province 2 digits, district 4, subdistrict 6, village 8 (subdistrict code + village number).
-- parent_code is the hierarchy; do not infer it from code prefixes (a few official subdistrict codes
-- predate district splits and carry their old district's prefix).
create table admin_area (
  code             text primary key check (code ~ '^[0-9]{2}([0-9]{2}){0,3}$'),
  level            text not null check (level in ('province', 'district', 'subdistrict', 'village')),
  parent_code      text references admin_area (code),
  province_code    text not null,
  district_code    text,
  subdistrict_code text,
  name_th          text not null,
  name_en          text,
  geom             geometry(MultiPolygon, 4326) not null,
  geom_3857        geometry(MultiPolygon, 3857) not null,
  label_point      geometry(Point, 4326) not null,
  area_km2         double precision not null,
  check ((level = 'province') = (parent_code is null))
);
create index admin_area_parent_idx on admin_area (parent_code);
create index admin_area_level_idx on admin_area (level);
create index admin_area_geom_idx on admin_area using gist (geom);
create index admin_area_geom_3857_idx on admin_area using gist (geom_3857);

-- The national outline (for the basemap and for clipping).
create table country_outline (
  iso3 text primary key,
  name_en text not null,
  geom geometry(MultiPolygon, 4326) not null
);
