-- The neighbour pairs (spatial_neighbour) without foreign keys to admin_area. The pairs are made from
-- admin_area itself (povmap.refresh_spatial_weights) and made again whenever the boundaries change,
-- so a pair always names areas that exist; no area is ever deleted but by a generation's reset, which
-- empties spatial_neighbour too (sql/generate/reset.sql). The two checks per pair cost 17 s of the
-- 22 s that storing the demo profile's 1,863,918 pairs took (4.6 s without them).
alter table spatial_neighbour drop constraint if exists spatial_neighbour_code_fkey;
alter table spatial_neighbour drop constraint if exists spatial_neighbour_neighbour_code_fkey;
