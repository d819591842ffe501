-- Which of the given survey years have households stored (`year`, `stored`), asked once per year by an
-- import before its first household of that year is merged: a year nobody stored yet is all new, so
-- its households are copied in without being looked up (sql/import/households_new_in.sql).
-- Bindings (pg, $n): $1 the survey years (smallint[]).
select y as year, exists (select 1 from household where survey_year = y) as stored
from unnest($1::smallint[]) as y
