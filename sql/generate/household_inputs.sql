-- What every generated household of a run shares (server/generate/households.ts): the seed, the
-- target scale (20_villages.sql), each indicator's prevalence among targets, indicator 1 first, and
-- per survey year the factors on the chance to be a target and on each indicator's chance. The
-- factors are powers PostgreSQL computes in numeric; they are read here as the float8 each
-- comparison of the calibration gets. No bindings.
select p.seed, s.target_scale,
       (select array_agg(i.generator_rate order by i.number) from povmap.indicator i) as rates,
       (select json_agg(json_build_object('year', y.year, 'targetFactor', power(0.9, y.nth - 1)::float8,
                                          'indicatorFactor', power(0.95, y.nth - 1)::float8) order by y.nth)
        from unnest(p.years) with ordinality y(year, nth)) as years
from gen.params p cross join gen.scale s
