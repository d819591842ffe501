-- ANALYZE of those of `p_tables` that were never analysed nor vacuumed (pg_class.reltuples is -1
-- until then: a table made or filled in the caller's transaction), so that the statements after it
-- plan by real row counts; the others keep the statistics they have. Returns the tables analysed.
create or replace function povmap.analyze_if_never(p_tables regclass[]) returns regclass[]
language plpgsql as $$
declare
  never regclass[] := array(select c.oid::regclass from pg_class c where c.oid = any (p_tables) and c.reltuples < 0 order by c.oid);
  t regclass;
begin
  foreach t in array never loop
    execute format('analyze %s', t);
  end loop;
  return never;
end
$$;
