-- postgis_raster ships with every GDAL driver disabled; ST_AsPNG needs PNG. A session setting: the
-- raster tile source runs it once on each pooled connection before its first PNG tile.
set postgis.gdal_enabled_drivers = 'PNG'
