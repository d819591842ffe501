-- OGC downloads (issue 19): a collection's features as table rows for GDAL (ogr2ogr's PostgreSQL
-- driver) and the CSV export: one column per property, cast to its type, then the geometry (EPSG:4326).
-- source is one of ogc/*_source.sql, the same public sources as the items, so a withheld figure is
-- null here too. columns: the typed property list server/ogc/download.ts builds from the
-- collection's whitelisted properties. Fully inlined by knex before use (neither ogr2ogr's -sql nor
-- COPY takes bound parameters); every inlined value is validated first.
-- The source is kept as a subquery (offset 0): flattened, each column would build the row's
-- properties again (80 columns, 80 times the figures: 300 rows/s for the villages).
select :columns, f.geom
from (select * from (:source) s offset 0) f
order by f.fid
