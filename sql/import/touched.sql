-- The provinces and survey years of the validated households (sorted arrays `provinces`, `years`):
-- only their households can have moved nearer to or farther from a service. No bindings.
select array_agg(distinct province_code order by province_code) as provinces,
       array_agg(distinct survey_year order by survey_year) as years
from import_valid
