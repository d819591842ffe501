-- The houses of one province's households in one survey year, read with COPY by the households'
-- threads (server/generate/households.ts), which draw everything else about each household.
-- Bindings (positional): 1. survey year; 2. its place among the profile's years (1 for the first);
-- 3. province code.
-- Per house: the year and its place, the village's codes and poverty (gen.village,
-- 20_villages.sql), the house's number in its village and its point (hex EWKB), placed at random in
-- the village by PostGIS with the village's own seed. Villages in code order and houses in number
-- order, so the households come out in the order of household's primary key.
copy (select ?::smallint, ?::integer, v.code, v.subdistrict_code, v.district_code, v.province_code, v.poverty, pt.i, pt.geom
      from (select * from gen.village where province_code = ? order by code) v
      cross join lateral (
        select g.path[1] as i, g.geom
        from st_dump(st_generatepoints(v.geom, v.n_households + 10 + v.n_households / 20,
                                       (1 + (v.code::bigint + v.seed * 7919) % 2000000000)::integer)) g
        where g.path[1] <= v.n_households) pt) to stdout
