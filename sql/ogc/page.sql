-- OGC API – Features (issue 19): one chunk of a collection's items, in feature-id order after a
-- keyset key (server/ogc/items.ts reads a page as several chunks, so memory stays flat however
-- large the page). source is one of ogc/*_source.sql; filter a CQL2 condition over f.properties
-- compiled with bound values by server/ogc/cql2-sql.ts (`true` without one).
-- Named bindings: after (exclusive, '' = from the first), chunk (rows), srid (4326 | 3857 of the
-- answer), flip (true: latitude first, as EPSG:4326 orders its axes), decimals.
select f.fid,
       f.properties,
       st_asgeojson(case when :flip::boolean then st_flipcoordinates(st_transform(f.geom, :srid::integer))
                         else st_transform(f.geom, :srid::integer) end, :decimals::integer, 0) as geometry
from (:source) f
where :filter
  and f.fid > :after::text
order by f.fid
limit :chunk::integer
