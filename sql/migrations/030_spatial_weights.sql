-- Spatial weights per admin level for the hotspot statistics, stored as neighbour pairs.
-- Schemes: 'queen' (areas of the same level sharing a boundary or a vertex; both directions) and
-- 'knn' (the 16 nearest areas of the same level by label point, ranked 1..16, so any k up to 16 is a
-- prefix). Rebuilt by povmap.refresh_spatial_weights() whenever the geometry changes.
create table spatial_neighbour (
  scheme         text not null check (scheme in ('queen', 'knn')),
  level          text not null,
  code           text not null references admin_area (code) on delete cascade,
  neighbour_code text not null references admin_area (code) on delete cascade,
  rank           smallint,  -- knn only: 1 = nearest
  primary key (scheme, code, neighbour_code)
);
create index spatial_neighbour_level_idx on spatial_neighbour (scheme, level);

create index admin_area_label_point_idx on admin_area using gist (label_point);

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

-- Precomputed hotspots for the default view (target share, queen weights, whole country), per level
-- and survey year; the tiles and the map read them. Other choices are computed on request.
create table hotspot_result (
  level       text not null,
  survey_year smallint not null,
  measure     text not null,
  code        text not null references admin_area (code) on delete cascade,
  value       double precision not null,
  gi_z        double precision not null,
  gi_p        double precision not null,
  gi_p_fdr    double precision not null,
  gi_class    text not null,
  moran_i     double precision not null,
  moran_p     double precision,
  moran_p_fdr double precision,
  moran_class text not null,
  primary key (measure, survey_year, code)
);
create index hotspot_result_level_idx on hotspot_result (level, survey_year);
