-- The villages' demand points found by place within one survey year (the clinics' catchments of an
-- on-request 2SFCA, sql/api/area_access_2sfca.sql): one GiST index on (survey_year, geom) (btree_gist)
-- instead of one on geom alone. With geom alone, the index returned the points of every year near a
-- clinic, and the planner intersected that with the key's scan of the whole year (a BitmapAnd of
-- 76,699 rows per clinic): 3.6 ms a clinic with eight survey years stored, where the year and the
-- place together take a fraction of a millisecond.
drop index if exists access_village_geom_idx;
create index access_village_year_geom_idx on access_village using gist (survey_year, geom);
