-- Synthetic data (sql/generate/): a uniform number in [0, 1) from (seed, key, salt): a hash, not a
-- random() call, so the value of every row is the same whatever the order, parallelism or batch in
-- which rows are made. server/generate/draw.ts draws the same numbers for the people.
create or replace function povmap.rand(seed integer, key bigint, salt integer) returns double precision
language sql immutable strict parallel safe as $$
  select (hashint8extended(key, seed::bigint * 1000003 + salt) & 9007199254740991)::double precision
         / 9007199254740992.0
$$;
