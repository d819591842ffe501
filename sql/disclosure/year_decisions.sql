-- One survey year's stored decisions (whether each area is withheld whole, and its withheld cells):
-- the previous year a refresh decides the next year against when it does not decide that year again.
-- Bindings (knex, named): year.
select code, suppressed, cells from area_public where survey_year = :year
