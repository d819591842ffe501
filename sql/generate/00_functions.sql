-- Helpers for the deterministic synthetic data. Loaded by the generator before each run.

-- A uniform number in [0, 1) from (seed, key, salt): a hash, not a random() call, so the value of
-- every row is the same whatever the order, parallelism or batch in which rows are made.
create or replace function povmap.rand(seed integer, key bigint, salt integer) returns double precision
language sql immutable strict parallel safe as $$
  select (hashint8extended(key, seed::bigint * 1000003 + salt) & 9007199254740991)::double precision
         / 9007199254740992.0
$$;

-- Split `parent` into one cell per seed point (Voronoi, clipped to the parent), returned in seed
-- order. The cells tile the parent: their union is the parent and they do not overlap. With `relax`
-- one Lloyd step moves every seed (except the first when `pin_first`) to its cell's inner point
-- first, which evens out cell sizes.
create or replace function povmap.partition_by_seeds(parent geometry, seeds geometry[], relax boolean,
                                                     pin_first boolean)
returns table (seed_index integer, geom geometry)
language plpgsql immutable parallel safe as $$
declare
  n integer := cardinality(seeds);
  frame geometry := st_expand(st_envelope(parent), 1.0);
  cells geometry;
  moved geometry[];
begin
  if n = 1 then
    return query select 1, st_multi(parent);
    return;
  end if;
  if relax then
    cells := st_voronoipolygons(st_collect(seeds), 0, frame);
    select array_agg(
             case when i = 1 and pin_first then seeds[i]
                  else coalesce(st_pointonsurface(st_intersection(c.cell, parent)), seeds[i]) end
             order by i)
      into moved
      from generate_subscripts(seeds, 1) i
      cross join lateral (select d.geom as cell from st_dump(cells) d
                          where st_intersects(d.geom, seeds[i]) limit 1) c;
    -- keep the original seeds if relaxation made two coincide
    if (select count(distinct st_astext(m)) from unnest(moved) m) = n then seeds := moved; end if;
  end if;
  cells := st_voronoipolygons(st_collect(seeds), 0, frame);
  return query
    select i, st_multi(st_collectionextract(st_intersection(c.cell, parent), 3))
    from generate_subscripts(seeds, 1) i
    cross join lateral (select d.geom as cell from st_dump(cells) d
                        where st_intersects(d.geom, seeds[i]) limit 1) c;
end
$$;

-- A 13-digit Thai national id from its first 12 digits, with the official mod-11 check digit.
create or replace function povmap.thai_id_with_check(first12 bigint) returns text
language sql immutable strict parallel safe as $$
  select s || ((11 - (substr(s,1,1)::int*13 + substr(s,2,1)::int*12 + substr(s,3,1)::int*11 + substr(s,4,1)::int*10
                    + substr(s,5,1)::int*9 + substr(s,6,1)::int*8 + substr(s,7,1)::int*7 + substr(s,8,1)::int*6
                    + substr(s,9,1)::int*5 + substr(s,10,1)::int*4 + substr(s,11,1)::int*3 + substr(s,12,1)::int*2) % 11) % 10)::text
  from (select lpad(first12::text, 12, '0') as s) x
$$;
