-- The MPI definition in SQL. Households store their 17 deprivation flags as one integer:
-- bit (j - 1) is set when indicator j fails. Indicator order and weights (see server/mpi/indicators.ts):
--   health     1-4   (bits 0-3)   weight 1/20 each
--   living     5-8   (bits 4-7)   weight 1/20 each
--   education  9-12  (bits 8-11)  weight 1/20 each
--   income     13-15 (bits 12-14) weight 1/15 each
--   access     16-17 (bits 15-16) weight 1/10 each
-- Scores are kept in sixtieths so that every weight is a whole number (3, 4, 6) and sums are exact:
-- a household is Alkire-Foster poor at k = 1/3 when score60 >= 20.

create or replace function povmap.bit_count17(mask integer) returns smallint
language sql immutable strict parallel safe as
$$ select bit_count(mask::bit(32))::smallint $$;

create or replace function povmap.score60(deprived integer) returns smallint
language sql immutable strict parallel safe as $$
  select (3 * povmap.bit_count17(deprived & 4095)            -- 12 indicators at 1/20
        + 4 * povmap.bit_count17((deprived >> 12) & 7)       --  3 income indicators at 1/15
        + 6 * povmap.bit_count17((deprived >> 15) & 3))::smallint  -- 2 access indicators at 1/10
$$;

-- Bit d (0..4) set when the household fails any indicator of dimension d.
create or replace function povmap.failed_dims(deprived integer) returns smallint
language sql immutable strict parallel safe as $$
  select ((case when deprived & 15 <> 0 then 1 else 0 end)
        | (case when deprived & 240 <> 0 then 2 else 0 end)
        | (case when deprived & 3840 <> 0 then 4 else 0 end)
        | (case when deprived & 28672 <> 0 then 8 else 0 end)
        | (case when deprived & 98304 <> 0 then 16 else 0 end))::smallint
$$;

-- Vulnerability level from the household's income, dependents and housing.
-- Low income: under 100,000 baht per person per year. The levels partition the households:
--   3: low income and (more than 2 dependents or a housing problem)
--   2: low income and 1-2 dependents, no housing problem
--   1: low income, no dependents, no housing problem; or not low income with a housing problem
--   0: not low income, no housing problem, but has dependents
--   null: not vulnerable
create or replace function povmap.vulnerability_level(income_per_person integer, dependents smallint,
                                                      housing_problem boolean) returns smallint
language sql immutable strict parallel safe as $$
  select case
    when income_per_person < 100000 and (dependents > 2 or housing_problem) then 3
    when income_per_person < 100000 and dependents between 1 and 2 then 2
    when income_per_person < 100000 or housing_problem then 1
    when dependents > 0 then 0
  end::smallint
$$;
