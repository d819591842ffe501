-- The spatial neighbours of the areas a hotspot analysis uses, as 0-based indexes into that list
-- (the codes the server got from sql/hotspots/area_values.sql with a value, in that order, joined by
-- commas: passing them, not choosing the areas again here, keeps the two lists the same whatever
-- makes a value null, e.g. a group share whose denominator is 0), one row per area that has any: the
-- server builds its compressed weights from small integer arrays instead of hashing hundreds of
-- thousands of (code, code) pairs on the event loop.
-- Bindings (knex named): codes, level, scheme (queen | knn), k (knn: the ranks kept).
with chosen as (
  select c.code, cast(c.n - 1 as int) as i
  from unnest(string_to_array(cast(:codes as text), ',')) with ordinality as c(code, n)
)
select f.i, array_agg(distinct t.i order by t.i) as js
from spatial_neighbour n
join chosen f on f.code = n.code
join chosen t on t.code = n.neighbour_code
where n.scheme = :scheme and n.level = :level and f.i <> t.i
  and (:scheme <> 'knn' or n.rank <= :k)
group by f.i
