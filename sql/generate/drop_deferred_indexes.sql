-- The indexes and constraints waiting in povmap.deferred_index dropped (after defer_indexes.sql), for
-- the bulk load; they are made again from their definitions after it. No bindings.
-- constraints first: a primary key's index goes with its constraint; an index is dropped where it is
-- still there (a run killed between a primary key's index and its constraint left a plain index)
do $$
declare ix record;
begin
  for ix in select name, substring(definition from '^alter table (\S+) add constraint ') as constrained,
                   substring(definition from '^alter table \S+ add constraint (\S+) ') as constraint_name
            from povmap.deferred_index order by (definition ~* '^alter table ') desc, name loop
    if ix.constrained is null then
      if to_regclass(format('public.%I', ix.name)) is not null then
        execute format('drop index public.%I', ix.name);
      end if;
    else
      execute format('alter table %s drop constraint if exists %s', ix.constrained, ix.constraint_name);
    end if;
  end loop;
end $$;
