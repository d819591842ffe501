-- Before a bulk load: the secondary indexes and own foreign keys of the tables the generator writes
-- in bulk (binding: their names; admin_area, then household, person and assistance_log) are set
-- aside, dropped (drop_deferred_indexes.sql) and made again after each is written, from their own
-- definitions, which wait in povmap.deferred_index meanwhile (a run killed before the rebuild
-- leaves them there; the next run finds them). A foreign key checked row by row cost a
-- trigger call and an index probe per row (about 12 µs: minutes on the national profile's 36 M
-- people); added after the load it is one join. Writing the national profile's 1.23 M logbook
-- entries took 61.2 s with their indexes and foreign keys in place, 21.6 s with them made after.
-- A primary key no foreign key points at (person's) is set aside too, as two entries: its unique
-- index, built with the others, and the statement that makes it the primary key again (`using
-- index`: no second build). Kept in place, person's took a third of its COPY's time (a descent of
-- the key's tree per person, the two connections' provinces inserting at two places at once); the
-- national people written and indexed took 17–79 s less with it built after (RESULTS.md, generate).
-- A constraint's definition is the whole `alter table … add constraint …` statement. The other
-- primary keys stay (household's and admin_area's: foreign keys point at them). The areas' 85,022
-- rows went in with their twelve indexes, self-referencing foreign key and statement triggers in
-- 11.2 s on one core, 4.7 s of it the indexes. Returns nothing; the caller then drops
-- them and reads povmap.deferred_index (name, definition).
with bulk as (
  select t.oid, t.relname from pg_class t join pg_namespace n on n.oid = t.relnamespace
  where n.nspname = 'public' and t.relname = any (?::text[])
), primary_key as (
  select c.conname, b.relname, exists (select from pg_constraint f where f.contype = 'f' and f.confrelid = c.conrelid) as referenced
  from pg_constraint c join bulk b on b.oid = c.conrelid
  where c.contype = 'p'
)
insert into povmap.deferred_index (name, definition)
select i.indexname, i.indexdef from pg_indexes i join bulk b on b.relname = i.tablename
where i.schemaname = 'public' and i.indexname not in (select conname from primary_key where referenced)
union all
select format('%s (primary key)', k.conname), format('alter table public.%I add constraint %I primary key using index %I', k.relname, k.conname, k.conname)
from primary_key k where not k.referenced
union all
select c.conname, format('alter table public.%I add constraint %I %s', b.relname, c.conname, pg_get_constraintdef(c.oid))
from pg_constraint c join bulk b on b.oid = c.conrelid
where c.contype = 'f'
on conflict (name) do nothing;
