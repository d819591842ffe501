-- PostGIS for geometry, postgis_raster for the night-light rasters.
create extension if not exists postgis;
create extension if not exists postgis_raster;
create schema if not exists povmap;
