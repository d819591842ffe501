-- The accessibility rollup's sums of distances are counted anew (sql/functions/area_access_counts.sql:
-- each real in units of 2^-32 m, exact, instead of through its 15-digit decimal; the totals differ by
-- under 1e-15 of themselves). Emptied here so that no stored row keeps the old count: setup fills the
-- table again, with the policy's decisions and the tile figures over it (server/db/refresh.ts,
-- ensureDerivedData), before the server starts.
delete from area_access_counts;
