-- The same answer as choropleth_values.sql (read its header), for the levels with many areas
-- (subdistricts, villages): one pass over tile_area_metrics joined by hash is faster there than a
-- lookup per area. Parameters (named bindings): year, level, measure.
-- The metrics are taken once per area in a subquery that is not flattened (offset 0): the view's
-- metrics column is an expression, and each mention of it outside would build it again.
select p.code,
       p.metrics is null as suppressed,
       position(',' || cast(:measure as text) || ',' in ',' || coalesce(p.metrics ->> 'withheld', '') || ',') > 0 as withheld,
       case when jsonb_typeof(p.metrics -> cast(:measure as text)) = 'number'
            then cast(p.metrics ->> cast(:measure as text) as float8) end as value
from (
  select a.code, m.metrics
  from admin_area a
  join tile_area_metrics m on m.code = a.code and m.survey_year = :year
  where a.level = :level
  offset 0
) p
