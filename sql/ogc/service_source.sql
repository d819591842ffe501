-- OGC API – Features (issue 19): the service points of one kind (schools, hospitals,
-- health-promoting hospitals). Wrapped by ogc/page.sql, ogc/count.sql and ogc/keys_before.sql as source.
-- fid: the service id zero-padded, so that the keyset's text order is the ids' numeric order.
-- Identity columns are also yielded as such (server/ogc/collections.ts `column`), so a filter on them
-- narrows the rows by index before any properties are built.
-- Named bindings: kind; xmin, ymin, xmax, ymax (EPSG:4326; xmin null = no bbox).
select lpad(s.id::text, 10, '0') as fid,
       s.id, s.kind, s.name_th, s.name_en, s.capacity, s.subdistrict_code,
       jsonb_build_object('id', s.id, 'kind', s.kind, 'name_th', s.name_th, 'name_en', s.name_en,
                          'capacity', s.capacity, 'subdistrict_code', s.subdistrict_code) as properties,
       s.geom
from service_point s
where s.kind = :kind::text
  and (:xmin::float8 is null
       or st_intersects(s.geom, st_makeenvelope(:xmin::float8, :ymin::float8, :xmax::float8, :ymax::float8, 4326)))
