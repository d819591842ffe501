-- The registry figures' remainders of one survey year: per area with survey data above the villages,
-- the people placed at the area itself and coded no lower (sql/functions/area_registry_stats.sql), in
-- the order of REGISTRY_CELLS (server/disclosure/cells.ts). The policy decides them as a pseudo-child
-- of the area (server/disclosure/registry-remainders.ts), so parent − Σ children is a cell like any
-- other. Parameters: year.
select r.code, array[r.exclusion_errors_here, r.card_holders_unsurveyed_here, r.exclusion_errors_no_card_here] as counts
from area_registry_stats r
join area_stats s on s.code = r.code and s.survey_year = r.survey_year
where r.survey_year = :year and r.exclusion_errors_here > 0 and s.level <> 'village'
