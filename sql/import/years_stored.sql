-- Which of the given survey years have households stored (`year`, `stored`), asked once per year by an
-- import before its first household of that year is merged: a year nobody stored yet is all new, so
-- its households are copied in without being looked up (sql/import/households_new_in.sql).
-- Asked as "the first stored year from y on": a descent of the primary key's index. The plain
-- `exists (… where survey_year = y)` was planned for an unknown y as a sequential scan that stops
-- at the first match (a few distinct years, millions of rows each), which for a year nobody stored
-- read the whole table: 6.6 s on the national profile, before the import's first part could merge.
-- Bindings (pg, $n): $1 the survey years (smallint[]).
select y as year,
       coalesce((select h.survey_year from household h where h.survey_year >= y order by h.survey_year limit 1) = y, false) as stored
from unnest($1::smallint[]) as y
