-- povmap.sum_elements(integer[]): the element-wise sum of equally long integer arrays, an aggregate.
-- The country row of the household rollups is the sum of its province rows, and their per-indicator
-- and per-dimension arrays add element by element (sql/functions/refresh_household_rollups.sql).
create or replace function povmap.add_elements(total integer[], x integer[]) returns integer[]
language sql immutable as $$
  select case when total is null then x
              else array(select total[i] + x[i] from generate_subscripts(x, 1) i order by i) end
$$;

create or replace aggregate povmap.sum_elements(integer[]) (sfunc = povmap.add_elements, stype = integer[]);
