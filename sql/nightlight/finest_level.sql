-- The finest admin level that has areas loaded (`level`), or no row when none is.
-- Bindings (positional): 1. the admin levels, finest first (text[]).
select l as level
from unnest(?::text[]) with ordinality v(l, o)
where exists (select 1 from admin_area a where a.level = v.l)
order by o
limit 1
