-- OGC API – Features (issue 19): one feature of a collection by its id. source is one of
-- ogc/*_source.sql (the same public sources as the items).
-- Named bindings: fid, srid (4326 | 3857 of the answer), flip (latitude first), decimals.
select f.fid,
       f.properties,
       st_asgeojson(case when :flip::boolean then st_flipcoordinates(st_transform(f.geom, :srid::integer))
                         else st_transform(f.geom, :srid::integer) end, :decimals::integer, 0) as geometry
from (:source) f
where f.fid = :fid::text
