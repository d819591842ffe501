-- The household table's generated columns call these functions for every row written, so their
-- cost is paid by every import. Postgres inlines a SQL function into the calling expression only
-- when the inlined body keeps the function's strictness: a STRICT function whose body is a CASE
-- (002's failed_dims and vulnerability_level) is called through the function manager instead,
-- about 1.5 µs per call. Same results, bodies that inline:
--   failed_dims: only strict operators (a boolean cast to 0/1), so it stays STRICT;
--   vulnerability_level: no longer STRICT, with the null rule written into the CASE instead;
--   bit_count17: counts the bits of the integer's 4 bytes, without building a bit(32) value.
-- Measured on 1,000,000 rows (2 cores): inserting into household's columns with the generated
-- columns went from 10.1 s to 3.6 s.

create or replace function povmap.bit_count17(mask integer) returns smallint
language sql immutable strict parallel safe as
$$ select bit_count(int4send(mask))::smallint $$;

create or replace function povmap.failed_dims(deprived integer) returns smallint
language sql immutable strict parallel safe as $$
  select (((deprived & 15) <> 0)::integer
        | (((deprived & 240) <> 0)::integer << 1)
        | (((deprived & 3840) <> 0)::integer << 2)
        | (((deprived & 28672) <> 0)::integer << 3)
        | (((deprived & 98304) <> 0)::integer << 4))::smallint
$$;

create or replace function povmap.vulnerability_level(income_per_person integer, dependents smallint,
                                                      housing_problem boolean) returns smallint
language sql immutable parallel safe as $$
  select case
    when income_per_person is null or dependents is null or housing_problem is null then null
    when income_per_person < 100000 and (dependents > 2 or housing_problem) then 3
    when income_per_person < 100000 and dependents between 1 and 2 then 2
    when income_per_person < 100000 or housing_problem then 1
    when dependents > 0 then 0
  end::smallint
$$;
