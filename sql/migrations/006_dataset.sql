-- Which data set is loaded. A row is written in the same transaction as the data it describes, so a
-- generation that dies half-way leaves no row and the next setup regenerates.
create table dataset (
  id           integer primary key default 1 check (id = 1),
  profile      text not null,
  seed         integer not null,
  survey_years smallint[] not null,
  households   bigint not null,
  checksum     text not null,
  geography    text not null,   -- where the names, codes and geometry came from
  generated_at timestamptz not null default now(),
  seconds      double precision not null
);

-- A version per kind of data, bumped whenever it changes, so caches (tiles) can key on it.
create table data_version (
  name    text primary key,
  version bigint not null default 1,
  changed_at timestamptz not null default now()
);
insert into data_version (name) values ('areas'), ('households'), ('services'), ('villages'), ('nightlight');

create or replace function povmap.bump_data_version(what text) returns bigint
language sql volatile as $$
  insert into data_version (name, version) values (what, 1)
  on conflict (name) do update set version = data_version.version + 1, changed_at = now()
  returning version
$$;
