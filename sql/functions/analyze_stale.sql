-- ANALYZE of those of `p_tables` whose statistics are missing or stale: never analysed nor vacuumed
-- (pg_class.reltuples is -1 until then), or grown to more than twice the pages their statistics
-- counted (a table analysed while empty, then filled: a data set just generated), so that the
-- statements after it plan by the rows there are; the others keep the statistics they have. ANALYZE
-- sees the rows the caller's transaction wrote. Returns the tables analysed.
drop function if exists povmap.analyze_if_never(regclass[]);
create or replace function povmap.analyze_stale(p_tables regclass[]) returns regclass[]
language plpgsql as $$
declare
  stale regclass[] := array(
    select c.oid::regclass from pg_class c
    where c.oid = any (p_tables)
      and (c.reltuples < 0 or pg_relation_size(c.oid) / current_setting('block_size')::bigint > 2 * c.relpages)
    order by c.oid);
  t regclass;
begin
  foreach t in array stale loop
    execute format('analyze %s', t);
  end loop;
  return stale;
end
$$;
