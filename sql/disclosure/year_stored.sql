-- One survey year's decisions as stored in area_public, read before a refresh replaces them, so it
-- can tell whether the policy decided that year exactly as before (then nothing of that year that
-- rests on its decisions needs making again). Bindings (knex, named): year.
select code, suppressed, cells, withheld from area_public where survey_year = :year
