-- Before ogr2ogr writes a boundary file: an empty schema for its staging table. No bindings.
create schema if not exists import_boundary;
drop table if exists import_boundary.staging;
