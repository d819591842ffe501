-- The digest of each area's stored decisions in one survey year (migration 030): the areas whose new
-- decisions have another digest are the ones staged and merged (server/disclosure/refresh.ts).
-- Bindings (knex, named): year.
select code, digest from area_public where survey_year = :year
