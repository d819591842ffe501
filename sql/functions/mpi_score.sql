-- The MPI definition in SQL. Households store their deprivation flags as one integer: bit (j - 1) is
-- set when indicator j fails (indicator order, dimensions and weights: server/mpi/indicators.ts, also
-- in the tables povmap.indicator and povmap.dimension). Scores are kept in sixtieths so that every
-- weight is a whole number and sums are exact: a household is Alkire-Foster poor at k = 1/3 when
-- score60 >= 20.
--
-- The household table's generated columns call these functions for every row written, so their cost
-- is paid by every import. Postgres inlines a SQL function into the calling expression only when the
-- inlined body keeps the function's strictness: a STRICT function whose body is a CASE is called
-- through the function manager instead (about 1.5 µs per call). So the bodies use only strict
-- operators (a boolean cast to 0/1, shifts, masks), and bit_count17 counts the bits of the integer's
-- 4 bytes without building a bit(32) value. Measured on 1,000,000 rows (2 cores): inserting into
-- household with the generated columns took 3.6 s with these bodies, 10.1 s with CASE bodies.
-- The masks below are written out as constants (npm run sql:generate) so the bodies stay inlinable.
--
-- These functions' results are stored (household.score60, failed_dims, failed_dim_count): after
-- changing what they return, rewrite the stored values (`update household set deprived = deprived`,
-- or regenerate the data) and refresh the rollups.

create or replace function povmap.bit_count17(mask integer) returns smallint
language sql immutable strict parallel safe as
$$ select bit_count(int4send(mask))::smallint $$;

-- Every indicator's bit set: the largest valid deprivation mask (household.deprived's check).
create or replace function povmap.all_indicators_mask() returns integer
language sql immutable parallel safe as $$
  -- generated: all_indicators_mask (npm run sql:generate from server/mpi/indicators.ts)
  select 131071
  -- end generated
$$;

-- Deprivation score × 60: Σ weight60 over the failed indicators, one term per weight.
create or replace function povmap.score60(deprived integer) returns smallint
language sql immutable strict parallel safe as $$
  -- generated: score60 (npm run sql:generate from server/mpi/indicators.ts)
  select (3 * povmap.bit_count17(deprived & 4095)   -- 12 indicators at 3/60
        + 4 * povmap.bit_count17(deprived & 28672)  -- 3 indicators at 4/60
        + 6 * povmap.bit_count17(deprived & 98304)  -- 2 indicators at 6/60
         )::smallint
  -- end generated
$$;

-- Bit d - 1 set when the household fails any indicator of dimension d (1..5).
create or replace function povmap.failed_dims(deprived integer) returns smallint
language sql immutable strict parallel safe as $$
  -- generated: failed_dims (npm run sql:generate from server/mpi/indicators.ts)
  select (((deprived & 15) <> 0)::integer            -- 1 health
        | (((deprived & 240) <> 0)::integer << 1)    -- 2 living
        | (((deprived & 3840) <> 0)::integer << 2)   -- 3 education
        | (((deprived & 28672) <> 0)::integer << 3)  -- 4 income
        | (((deprived & 98304) <> 0)::integer << 4)  -- 5 access
         )::smallint
  -- end generated
$$;
