-- Before the bulk load: the secondary indexes and own foreign keys of the tables the generator writes
-- in bulk (household, person, assistance_log) are dropped and made again after each is written, from
-- their own definitions, which wait in povmap.deferred_index meanwhile (a run killed before the
-- rebuild leaves them there; the next run finds them). A foreign key checked row by row cost a
-- trigger call and an index probe per row (about 12 µs: minutes on the national profile's 36 M
-- people); added after the load it is one join. Writing the national profile's 1.23 M logbook
-- entries took 61.2 s with their indexes and foreign keys in place, 21.6 s with them made after.
-- A foreign key's definition is the whole `alter table … add constraint …` statement. The primary
-- keys stay. Returns nothing; the caller then reads povmap.deferred_index (name, definition). No bindings.
insert into povmap.deferred_index (name, definition)
select indexname, indexdef from pg_indexes
where schemaname = 'public' and tablename in ('household', 'person', 'assistance_log')
  and indexname not in ('household_pkey', 'person_pkey', 'assistance_log_pkey')
on conflict (name) do nothing;
insert into povmap.deferred_index (name, definition)
select c.conname, format('alter table public.%I add constraint %I %s', t.relname, c.conname, pg_get_constraintdef(c.oid))
from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
where c.contype = 'f' and n.nspname = 'public' and t.relname in ('household', 'person', 'assistance_log')
on conflict (name) do nothing;
do $$
declare ix record;
begin
  for ix in select name, substring(definition from '^alter table (\S+) add constraint ') as constrained from povmap.deferred_index loop
    if ix.constrained is null then
      execute format('drop index if exists %I', ix.name);
    else
      execute format('alter table %s drop constraint if exists %I', ix.constrained, ix.name);
    end if;
  end loop;
end $$;
