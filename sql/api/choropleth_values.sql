-- Every area of one level and survey year with the published value of one map measure: the figures
-- the `areas` tiles carry (tile_area_metrics), so class breaks rest on exactly what the map shows and
-- never on a figure the public may not see. Parameters (named bindings): year, level, measure.
-- suppressed: the area publishes no figure at all (too few households, its metrics are null);
-- withheld: the disclosure policy left this figure out and names it in the `withheld` list;
-- value: null when the area has no such figure (no change in the first year, no night light).
-- Each area's metrics are looked up by a subquery (the view answers it through its indexes): a
-- join would build the view's metrics for the areas of every level. The subquery is not flattened
-- (offset 0), so that the metrics are built once per area, not once per mention below.
with published as (
  select a.code,
         (select m.metrics from tile_area_metrics m where m.code = a.code and m.survey_year = :year) as metrics
  from admin_area a
  where a.level = :level
  offset 0
)
select p.code,
       p.metrics is null as suppressed,
       position(',' || cast(:measure as text) || ',' in ',' || coalesce(p.metrics ->> 'withheld', '') || ',') > 0 as withheld,
       case when jsonb_typeof(p.metrics -> cast(:measure as text)) = 'number'
            then cast(p.metrics ->> cast(:measure as text) as float8) end as value
from published p
