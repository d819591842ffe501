-- Before the bulk load: the household and person tables' secondary indexes are dropped and rebuilt after it from
-- their own definitions, which wait in povmap.deferred_index meanwhile (a run killed before the rebuild
-- leaves them there; the next run finds them). Returns nothing; the caller then reads
-- povmap.deferred_index (name, definition). No bindings.
insert into povmap.deferred_index (name, definition)
select indexname, indexdef from pg_indexes
where schemaname = 'public' and tablename in ('household', 'person') and indexname not in ('household_pkey', 'person_pkey')
on conflict (name) do nothing;
do $$
declare ix record;
begin
  for ix in select name from povmap.deferred_index loop
    execute format('drop index if exists %I', ix.name);
  end loop;
end $$;
