-- What gdal_rasterize burns (-sql, -a zone): each numbered zone with its area's geometry. No bindings.
select z.zone, a.geom from nightlight_zone_area z join admin_area a on a.code = z.code
