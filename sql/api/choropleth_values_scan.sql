-- The same answer as choropleth_values.sql (read its header), for the levels with many areas
-- (subdistricts, villages): one pass over tile_area_metrics joined by hash is faster there than a
-- lookup per area (3 s against 17 s for the 77,000 villages of the demo data on a busy machine).
-- Parameters (named bindings): year, level, measure.
select a.code,
       m.metrics is null as suppressed,
       position(',' || cast(:measure as text) || ',' in ',' || coalesce(m.metrics ->> 'withheld', '') || ',') > 0 as withheld,
       case when jsonb_typeof(m.metrics -> cast(:measure as text)) = 'number'
            then cast(m.metrics ->> cast(:measure as text) as float8) end as value
from admin_area a
join tile_area_metrics m on m.code = a.code and m.survey_year = :year
where a.level = :level
