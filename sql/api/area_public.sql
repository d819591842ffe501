-- The disclosure policy's decisions (area_public) for some areas in one survey year.
select code, suppressed, cells, withheld
from area_public
where survey_year = :year and code = any(string_to_array(:codes, ','))
