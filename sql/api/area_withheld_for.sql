-- The areas whose value of a measure is withheld in any of some survey years (comma-separated): the
-- area is withheld whole, or one of the cells the measure rests on (comma-separated cell names) is.
select distinct code
from area_public
where survey_year = any(cast(string_to_array(:years, ',') as smallint[]))
  and (suppressed or jsonb_exists_any(cells, string_to_array(:cells, ',')))
