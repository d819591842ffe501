-- OGC API – Features (issue 19): numberMatched, the features of source (ogc/*_source.sql) that
-- meet filter (a compiled CQL2 condition over f.properties, `true` without one).
select count(*)::bigint as n
from (:source) f
where :filter
