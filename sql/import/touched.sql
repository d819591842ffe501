-- The provinces and survey years whose households the merge is about to change (sorted arrays
-- `provinces`, `years`): those of the validated households, and those of the stored households they
-- replace (a household moved to another village may leave another province). Run before the merge,
-- while the replaced rows still say where they were. Only these provinces' rollups and distances
-- to services can change (server/db/refresh.ts). A replaced household has the same house code, so
-- the same village, and it is in another province only when new boundaries moved its village.
-- Bindings (pg, $n): $1 whether any validated household can replace a stored one (false: the
-- lookup of replaced rows is skipped, as the COPY of new households skips it).
with touched as (
  select province_code, survey_year from import_valid
  union
  select h.province_code, h.survey_year
  from import_valid v
  join household h on h.survey_year = v.survey_year and h.house_code = v.house_code
  where $1::boolean and h.province_code <> v.province_code
)
select array_agg(distinct province_code order by province_code) as provinces,
       array_agg(distinct survey_year order by survey_year) as years
from touched
