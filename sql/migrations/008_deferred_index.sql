-- Index definitions set aside while a bulk load runs without them (the generator drops household's
-- secondary indexes and rebuilds them after the load). Kept in a table so that a load killed
-- half-way still knows what to rebuild next time.
create table povmap.deferred_index (
  name       text primary key,
  definition text not null
);
