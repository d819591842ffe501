-- Removes the stored decisions of one survey year's areas the policy no longer decides (their
-- households are gone): every other area of the year is among `codes`. Returns the rows removed.
-- Bindings (knex, named): year, codes (text[], every area decided in the year).
delete from area_public t
where t.survey_year = :year
  and not exists (select 1 from unnest(:codes::text[]) c(code) where c.code = t.code)
