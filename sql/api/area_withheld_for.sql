-- The areas whose value of a measure is withheld in any of some survey years (comma-separated) because
-- one of the cells it rests on (comma-separated cell names of area_withheld) is.
select distinct code
from area_withheld
where survey_year = any(cast(string_to_array(:years, ',') as smallint[])) and cell = any(string_to_array(:cells, ','))
