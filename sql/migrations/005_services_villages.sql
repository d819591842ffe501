-- Service locations: schools, hospitals and subdistrict health-promoting hospitals (รพ.สต.).
create table service_point (
  id               integer primary key,
  kind             text not null check (kind in ('school', 'hospital', 'health_promoting_hospital')),
  name_th          text not null,
  name_en          text,
  capacity         integer not null check (capacity > 0), -- pupils, or patients per day
  subdistrict_code text not null references admin_area (code),
  geom             geometry(Point, 4326) not null
);
create index service_point_geom_idx on service_point using gist (geom);
create index service_point_kind_idx on service_point (kind);

-- Village potential (the national village survey, กชช. 2ค): seven dimensions scored 1 (needs urgent
-- development) to 3 (advanced), per village and year.
create table village_potential (
  village_code       text not null references admin_area (code),
  year               smallint not null,
  infrastructure     smallint not null check (infrastructure between 1 and 3),
  economy            smallint not null check (economy between 1 and 3),
  health             smallint not null check (health between 1 and 3),
  education          smallint not null check (education between 1 and 3),
  community_strength smallint not null check (community_strength between 1 and 3),
  environment        smallint not null check (environment between 1 and 3),
  safety             smallint not null check (safety between 1 and 3),
  primary key (village_code, year)
);

-- Night-light rasters (VIIRS-like annual composites, radiance in nW/cm²/sr), tiled by raster2pgsql.
create table nightlight_raster (
  rid  serial primary key,
  year smallint not null,
  rast raster not null
);
create index nightlight_raster_year_idx on nightlight_raster (year);
create index nightlight_raster_rast_idx on nightlight_raster using gist (st_convexhull(rast));

-- What was done for a household: the assistance logbook.
create table assistance_log (
  id          bigserial primary key,
  survey_year smallint not null,
  house_code  text not null,
  agency      text not null,
  done_on     date not null,
  dimension   text not null check (dimension in ('health', 'living', 'education', 'income', 'access')),
  stage       text not null check (stage in ('survive', 'sufficiency', 'sustainable')),
  status      text not null check (status in ('planned', 'in_progress', 'done')),
  note        text,
  created_at  timestamptz not null default now(),
  foreign key (survey_year, house_code) references household (survey_year, house_code) on delete cascade
);
create index assistance_log_household_idx on assistance_log (survey_year, house_code);
