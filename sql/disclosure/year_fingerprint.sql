-- One digest of one survey year's decisions in area_public: equal before and after a refresh when the
-- policy decided that year exactly as before (then nothing of that year that rests on its decisions
-- needs making again). Bindings (knex, named): year.
select md5(coalesce(string_agg(code || ' ' || suppressed || ' ' || cells::text || ' ' || withheld::text, E'\n' order by code), '')) as fingerprint
from area_public where survey_year = :year
