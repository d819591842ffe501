-- Synthetic data (sql/generate/10_admin_areas.sql, 11_subdistricts.sql, 13_villages.sql):
-- split `parent` into one cell per seed point (Voronoi, clipped to the parent), returned in seed
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

-- `parent` split into `n` relaxed cells around points seeded by `points_seed` (the subdistricts and the
-- villages of the synthetic data): ST_GeneratePoints may return a few points short of what it is
-- asked for, so it is asked for ten more and the first n are kept.
create or replace function povmap.seeded_cells(parent geometry, n integer, points_seed integer)
returns table (seed_index integer, geom geometry)
language sql immutable parallel safe as $$
  select c.seed_index, c.geom
  from povmap.partition_by_seeds(
    parent,
    array(select g.geom from st_dump(st_generatepoints(parent, n + 10, points_seed)) g order by g.path limit n),
    true, false) c
$$;
