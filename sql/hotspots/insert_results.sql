-- Stores the default hotspot view of one level, year and measure (server/hotspots/analysis.ts
-- refreshHotspotResults): one statement over parallel arrays, one element per area. (Inserting the
-- 76,699 villages of the national profile in batches of 2,000 rows took 2.1 s; this takes a tenth.)
-- Doubles cross as text in the shortest form that reads back to the same double, so no bit is lost.
-- Bindings (knex, named): level, year, measure, and the arrays codes, values, gi_z, gi_p, gi_p_fdr,
-- gi_class, moran_i, moran_p, moran_p_fdr, moran_class (equally long).
insert into hotspot_result (level, survey_year, measure, code, value, gi_z, gi_p, gi_p_fdr, gi_class,
                            moran_i, moran_p, moran_p_fdr, moran_class)
select :level, :year, :measure, r.*
from unnest(:codes::text[], :values::float8[], :gi_z::float8[], :gi_p::float8[], :gi_p_fdr::float8[], :gi_class::text[],
            :moran_i::float8[], :moran_p::float8[], :moran_p_fdr::float8[], :moran_class::text[]) r
