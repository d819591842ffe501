-- A version per kind of data (table data_version), bumped whenever that data changes, so caches
-- (tiles, statistics) key on it.
create or replace function povmap.bump_data_version(what text) returns bigint
language sql volatile as $$
  insert into data_version (name, version) values (what, 1)
  on conflict (name) do update set version = data_version.version + 1, changed_at = now()
  returning version
$$;

-- Tell listening tile servers the moment a data version changes (delivered at commit), so their
-- caches stop serving tiles built from the previous data.
create or replace function povmap.notify_data_version() returns trigger
language plpgsql as $$
begin
  perform pg_notify('povmap_data_version', new.name || ':' || new.version);
  return null;
end
$$;
